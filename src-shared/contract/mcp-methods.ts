import { z } from 'zod';
import { mcpServerConfigSchema } from './agent-models';
import {
  mcpImportCandidateSchema,
  mcpImportSourceSchema,
  mcpServerEntrySchema,
  mcpTestResultSchema,
} from './mcp-models';
import { idSchema } from './models';

/** Requests of MCP servers the agents use, merged into `methods` (methods.ts). */
const ok = z.object({ ok: z.literal(true) });
const serverName = z.string().min(1).max(40);
/** `user` needs nothing else; `project` needs `projectId`. */
const layer = { scope: z.enum(['user', 'project']), projectId: idSchema.optional() };
const list = z.object({ servers: z.array(mcpServerEntrySchema) });

export const mcpMethods = {
  /**
   * The user's servers and, with a project or thread, the project's; each with its enabled state
   * there, its status and its tools. `mcp/changed` follows any change.
   */
  'mcp/list': {
    params: z.object({ projectId: idSchema.optional(), threadId: idSchema.optional() }).strict(),
    result: list,
  },
  /**
   * Adds a server to a layer, or replaces the one named `previousName` (a rename) or of the same
   * name. A running server whose configuration changed is restarted the next time a turn needs it.
   */
  'mcp/save': {
    params: z
      .object({ ...layer, server: mcpServerConfigSchema, previousName: serverName.optional() })
      .strict(),
    result: list,
  },
  'mcp/remove': {
    params: z.object({ ...layer, name: serverName }).strict(),
    result: list,
  },
  /**
   * Starts the configuration apart from any thread, lists its tools, stops it. Nothing is saved.
   * Values sent as SECRET_KEPT are the stored ones of the server `previousName` (else `server.name`)
   * of the layer `scope` (user when absent).
   */
  'mcp/test': {
    params: z
      .object({
        server: mcpServerConfigSchema,
        scope: layer.scope.optional(),
        projectId: idSchema.optional(),
        previousName: serverName.optional(),
      })
      .strict(),
    result: mcpTestResultSchema,
  },
  /**
   * Turns a server on or off for a thread (with `threadId`) or a project (with `projectId`); null
   * goes back to what the wider scope says. Applies from the next turn.
   */
  'mcp/setEnabled': {
    params: z
      .object({
        name: serverName,
        projectId: idSchema.optional(),
        threadId: idSchema.optional(),
        enabled: z.boolean().nullable(),
      })
      .strict(),
    result: ok,
  },
  /** Stops a server's process now (turns holding it see their calls fail); the next use starts it. */
  'mcp/restart': {
    params: z.object({ name: serverName, projectId: idSchema.optional() }).strict(),
    result: ok,
  },
  /** What an import source holds, checked, nothing saved. `exists` is against the target layer. */
  'mcp/importPreview': {
    params: z.object({ source: mcpImportSourceSchema, ...layer }).strict(),
    result: z.object({ path: z.string(), candidates: z.array(mcpImportCandidateSchema) }),
  },
  /** Saves the chosen configurations into a layer, replacing servers of the same names. */
  'mcp/import': {
    params: z.object({ ...layer, servers: z.array(mcpServerConfigSchema).min(1).max(50) }).strict(),
    result: list,
  },
} as const;
