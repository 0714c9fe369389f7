import { z } from 'zod';

/** JSON-RPC 2.0 envelopes. Only ids of string or number are accepted (no null ids). */
export const requestIdSchema = z.union([z.string().max(128), z.number().int()]);
export type RequestId = z.infer<typeof requestIdSchema>;

export const requestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: requestIdSchema,
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof requestSchema>;

export const notificationSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().min(1).max(128),
  params: z.unknown().optional(),
});
export type RpcNotification = z.infer<typeof notificationSchema>;

export const errorObjectSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
export type RpcErrorObject = z.infer<typeof errorObjectSchema>;

export const responseSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: requestIdSchema, result: z.unknown() }),
  z.object({ jsonrpc: z.literal('2.0'), id: requestIdSchema.nullable(), error: errorObjectSchema }),
]);
export type RpcResponse = z.infer<typeof responseSchema>;

export type RpcMessage = RpcRequest | RpcNotification | RpcResponse;
