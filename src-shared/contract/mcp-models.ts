import { z } from 'zod';
import { mcpServerConfigSchema } from './agent-models';
import { idSchema } from './models';

/**
 * MCP servers the agents use (Skein as an MCP *client*). Their configurations live in the user's and
 * the projects' agent settings (`mcpServers`); these are the views and operations around them.
 */

/**
 * A server's process or connection, shared by every thread that uses the same configuration.
 * `stopped`: not running (never needed yet, or idle long enough to be stopped); `starting`;
 * `running`; `crashed`: it exited or dropped the connection while in use and is being restarted;
 * `failed`: it could not start, or crashed too often to be restarted (see `lastError`).
 */
export const mcpServerStatusSchema = z.enum(['stopped', 'starting', 'running', 'crashed', 'failed']);
export type McpServerStatus = z.infer<typeof mcpServerStatusSchema>;

/** Where a server's enabled state comes from, strongest last: default (on), project, thread. */
export const mcpEnabledSourceSchema = z.enum(['default', 'project', 'thread']);

export const mcpToolInfoSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  /** The tool's JSON schema for its arguments, as the server announced it. */
  inputSchema: z.unknown(),
});
export type McpToolInfo = z.infer<typeof mcpToolInfoSchema>;

export const mcpServerEntrySchema = z.object({
  config: mcpServerConfigSchema,
  /** The settings layer that defines it; a project's server replaces the user's of the same name. */
  scope: z.enum(['user', 'project']),
  /** A user server hidden in this project by a project server of the same name. */
  overridden: z.boolean(),
  /** Whether threads of the asked project (or the asked thread) get its tools. */
  enabled: z.boolean(),
  enabledSource: mcpEnabledSourceSchema,
  status: mcpServerStatusSchema,
  /** The server process while running (stdio servers only). */
  pid: z.number().int().nullable(),
  /** Tools listed at the last connection; null before the first. */
  tools: z.array(mcpToolInfoSchema).nullable(),
  /** Why it failed or crashed last, with the end of its stderr when it had any. */
  lastError: z.string().nullable(),
  /** Threads whose running turns hold it now. */
  usedBy: z.array(idSchema),
});
export type McpServerEntry = z.infer<typeof mcpServerEntrySchema>;

/** The result of "Test": connected and listed, or why not. */
export const mcpTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    serverInfo: z.object({ name: z.string(), version: z.string() }).nullable(),
    tools: z.array(mcpToolInfoSchema),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type McpTestResult = z.infer<typeof mcpTestResultSchema>;

/** Where to import server configurations from. */
export const mcpImportSourceSchema = z.discriminatedUnion('kind', [
  /** Codex's `config.toml` (`$CODEX_HOME`, default `~/.codex`), its `[mcp_servers.<name>]` tables. */
  z.object({ kind: z.literal('codex') }).strict(),
  /** The project's `.mcp.json` at the repository root (Claude Code's project servers). */
  z.object({ kind: z.literal('project'), projectId: idSchema }).strict(),
  /** A file the user names: `.toml` read as Codex's format, anything else as `.mcp.json`. */
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4_096) }).strict(),
]);
export type McpImportSource = z.infer<typeof mcpImportSourceSchema>;

/** One server found in an import source. */
export const mcpImportCandidateSchema = z.object({
  /** As it would be saved; null when the entry cannot be imported (see `problem`). */
  config: mcpServerConfigSchema.nullable(),
  /** The name in the source file, even when it is not a valid Skein name. */
  sourceName: z.string(),
  /**
   * Why it cannot be imported as it is. With `config: null`, why it cannot be imported at all
   * (unsupported transport, no command, …); with a config, what changed on the way (a name made valid,
   * values read from the environment and stored, settings Skein has no equivalent for).
   */
  problem: z.string().nullable(),
  /** A server of this name is already configured in the target scope; importing replaces it. */
  exists: z.boolean(),
});
export type McpImportCandidate = z.infer<typeof mcpImportCandidateSchema>;
