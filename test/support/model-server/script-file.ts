import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ScriptedReply } from './script-types';

/** The JSON script a standalone server is started with; strict so a misspelt field fails loudly instead of being ignored. */

const chunks = z.union([z.string(), z.array(z.string())]);

const scriptedReplySchema = z
  .object({
    text: chunks.optional(),
    reasoning: chunks.optional(),
    toolCalls: z
      .array(
        z.strictObject({
          id: z.string().optional(),
          name: z.string(),
          arguments: z.union([z.record(z.string(), z.unknown()), z.string()]),
        }),
      )
      .optional(),
    usage: z
      .strictObject({ input: z.number(), output: z.number(), cached: z.number().optional() })
      .optional(),
    error: z
      .strictObject({
        status: z.number().int(),
        message: z.string(),
        type: z.string().optional(),
        retryable: z.boolean().optional(),
      })
      .optional(),
    streamError: z.strictObject({ message: z.string(), type: z.string().optional() }).optional(),
    failMidStream: z.boolean().optional(),
    malformedChunk: z.boolean().optional(),
    chunkDelayMs: z.number().nonnegative().optional(),
    stopReason: z.enum(['end_turn', 'tool_use', 'max_tokens']).optional(),
  })
  .strict() satisfies z.ZodType<ScriptedReply>;

const scriptFileSchema = z.union([
  z.array(scriptedReplySchema),
  z.strictObject({ models: z.array(z.string()).optional(), replies: z.array(scriptedReplySchema) }),
]);

export interface ScriptFile {
  models?: string[];
  replies: ScriptedReply[];
}

/** Accepts either a bare array of replies or `{ models?, replies }`. */
export function readScriptFile(path: string): ScriptFile {
  const parsed = scriptFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `Script file ${path} is not a valid model-server script:\n${z.prettifyError(parsed.error)}`,
    );
  return Array.isArray(parsed.data) ? { replies: parsed.data } : parsed.data;
}
