import { z } from 'zod';
import { idSchema, threadBackendSchema } from './models';
import { skillUseSchema } from './skill-models';

/**
 * The built-in agent's shapes on the wire: settings, turns, items (the transcript) and approvals.
 * Vocabulary from the Codex app-server: a thread has turns, a turn has items.
 */

/** `openai`: Responses API; `openai-chat`: any Chat Completions endpoint; `ollama`: Chat Completions on Ollama. */
export const providerKindSchema = z.enum(['openai', 'openai-chat', 'anthropic', 'ollama']);
export type ProviderKind = z.infer<typeof providerKindSchema>;

/** Codex's words: `untrusted` asks for all but known-safe reads, `on-request` asks to leave the sandbox, `never` never asks. */
export const approvalPolicySchema = z.enum(['untrusted', 'on-request', 'never']);
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

export const sandboxModeSchema = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export type AgentSandboxMode = z.infer<typeof sandboxModeSchema>;

const modelName = z.string().trim().min(1).max(200);
const baseUrl = z.string().url().max(2048);
const contextWindow = z.number().int().min(1_000).max(10_000_000);
const codexPath = z.string().trim().min(1).max(4_096);

/** A name the user gives an MCP server; it prefixes the server's tools and names them in approval rules. */
const mcpServerName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use 1–40 letters, digits, "-" or "_" for an MCP server name.');

/**
 * What a client is sent in place of a stored secret (an MCP server's env value or header value, an
 * OTLP collector header): the host keeps the value sealed and never sends it out. Sent back
 * unchanged in a save, it means "keep the stored value".
 */
export const SECRET_KEPT = '••••••••';

/**
 * An MCP server whose tools the agent gets: a command Skein starts and talks to over stdio, or a
 * streamable HTTP endpoint. Its tools ask for approval under `untrusted` and `on-request` unless
 * a rule allows `mcp:<name>:<tool>`.
 */
export const mcpServerConfigSchema = z.discriminatedUnion('transport', [
  z
    .object({
      name: mcpServerName,
      transport: z.literal('stdio'),
      command: z.string().trim().min(1).max(4_096),
      args: z.array(z.string().max(4_096)).max(100).optional(),
      /** Added to a minimal environment (PATH, HOME, …); the host's provider keys are never passed. */
      env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(16_384)).optional(),
      cwd: z.string().max(4_096).optional(),
    })
    .strict(),
  z
    .object({
      name: mcpServerName,
      transport: z.literal('http'),
      url: z.string().url().max(2_048),
      /** Sent with every request (an `Authorization` header, say). */
      headers: z
        .record(
          z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,200}$/, 'Use a valid HTTP header name.'),
          z.string().max(16_384),
        )
        .optional(),
    })
    .strict(),
]);
export type McpServerConfig = z.infer<typeof mcpServerConfigSchema>;

const mcpServerList = z
  .array(mcpServerConfigSchema)
  .max(50)
  .refine((servers) => new Set(servers.map((server) => server.name)).size === servers.length, {
    message: 'Each MCP server needs its own name.',
  });

/** One layer of settings (user, project or thread); absent fields defer to the layers around it. */
export const agentSettingsSchema = z
  .object({
    provider: providerKindSchema,
    model: modelName,
    /** Endpoint for the provider (an OpenAI-compatible server, a proxy); the provider's env var otherwise. */
    baseUrl,
    approvalPolicy: approvalPolicySchema,
    sandboxMode: sandboxModeSchema,
    /** Let sandboxed commands reach the network. */
    networkAccess: z.boolean(),
    /** Tokens the model can hold; the conversation is compacted as it nears this. */
    contextWindow,
    /** User and project layers only; a project's server replaces the user's of the same name. */
    mcpServers: mcpServerList,
    /**
     * The agent new threads get (user and project layers only; a thread's own backend is on the
     * thread, `thread/setBackend`).
     */
    backend: threadBackendSchema,
    /** The codex executable (user layer only); found on the login shell's PATH when absent. */
    codexPath,
    /** The model Codex threads ask for; Codex's own config.toml chooses when absent. */
    codexModel: modelName,
    /** The model Claude Code threads ask for; Claude Code's own settings choose when absent. */
    claudeModel: modelName,
  })
  .partial()
  .strict();
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/** A change to one layer: a value sets the field, null clears it, absent keeps it. */
export const agentSettingsPatchSchema = z
  .object({
    provider: providerKindSchema.nullable(),
    model: modelName.nullable(),
    baseUrl: baseUrl.nullable(),
    approvalPolicy: approvalPolicySchema.nullable(),
    sandboxMode: sandboxModeSchema.nullable(),
    networkAccess: z.boolean().nullable(),
    contextWindow: contextWindow.nullable(),
    mcpServers: mcpServerList.nullable(),
    backend: threadBackendSchema.nullable(),
    codexPath: codexPath.nullable(),
    codexModel: modelName.nullable(),
    claudeModel: modelName.nullable(),
  })
  .partial()
  .strict();
export type AgentSettingsPatch = z.infer<typeof agentSettingsPatchSchema>;

export const settingSourceSchema = z.enum(['default', 'env', 'admin', 'user', 'project', 'thread']);

export const effectiveAgentSettingsSchema = z.object({
  provider: providerKindSchema,
  model: z.string(),
  baseUrl: z.string().nullable(),
  approvalPolicy: approvalPolicySchema,
  sandboxMode: sandboxModeSchema,
  networkAccess: z.boolean(),
  contextWindow: z.number().int(),
  /** The user's MCP servers with the project's merged over them. */
  mcpServers: z.array(mcpServerConfigSchema),
  /** The agent new threads of the project get. */
  backend: threadBackendSchema,
  codexPath: z.string().nullable(),
  codexModel: z.string().nullable(),
  claudeModel: z.string().nullable(),
  /** Which layer each value came from; for policy and sandbox the strictest layer wins. */
  sources: z.record(z.string(), settingSourceSchema),
});
export type EffectiveAgentSettings = z.infer<typeof effectiveAgentSettingsSchema>;

/** Where a provider's key comes from. The key itself never leaves the host. */
export const keySourceSchema = z.enum(['env', 'stored']).nullable();

export const agentSettingsViewSchema = z.object({
  user: agentSettingsSchema,
  project: agentSettingsSchema.nullable(),
  thread: agentSettingsSchema.nullable(),
  /** The administrator's requirements file, when there is one: the floor nobody can go below. */
  admin: agentSettingsSchema.nullable(),
  effective: effectiveAgentSettingsSchema,
  keys: z.object({ openai: keySourceSchema, anthropic: keySourceSchema }),
  /**
   * Where keys stored with `agent/setKey` are kept: `safe-storage` (encrypted by the system keyring,
   * desktop app) or `file` (a file only the user can read). `detail` says why the desktop app could
   * not use the keyring, or that a stored key must be entered again.
   */
  keyStorage: z.object({ kind: z.enum(['safe-storage', 'file']), detail: z.string().nullable() }),
  /** Whether commands can be sandboxed here; when not, every command needs approval. */
  sandbox: z.object({ available: z.boolean(), kind: z.string(), detail: z.string().nullable() }),
});
export type AgentSettingsView = z.infer<typeof agentSettingsViewSchema>;

export const modelInfoSchema = z.object({
  id: z.string(),
  provider: providerKindSchema,
  label: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const tokenUsageSchema = z.object({
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  reasoningTokens: z.number().int(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const turnStatusSchema = z.enum(['running', 'waiting_approval', 'completed', 'interrupted', 'failed']);
export type TurnStatus = z.infer<typeof turnStatusSchema>;

export const turnSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  /** 1, 2, 3… within the thread. */
  seq: z.number().int(),
  status: turnStatusSchema,
  provider: providerKindSchema,
  model: z.string(),
  startedAt: z.number(),
  completedAt: z.number().nullable(),
  usage: tokenUsageSchema,
  /** US dollars, when the model's price is known. */
  costUsd: z.number().nullable(),
  error: z.string().nullable(),
  /** Set when this turn continues one that was cut off. */
  continuesTurnId: idSchema.nullable(),
  /**
   * Snapshot commits of the worktree taken when the turn started and when it ended: the per-turn
   * diff of the review. Null while none was taken (the turn is running, or it predates snapshots).
   */
  snapshotBefore: z.string().nullable(),
  snapshotAfter: z.string().nullable(),
});
export type Turn = z.infer<typeof turnSchema>;

export const itemStatusSchema = z.enum(['in_progress', 'completed', 'failed', 'declined', 'interrupted']);
export type ItemStatus = z.infer<typeof itemStatusSchema>;

const itemBase = {
  id: idSchema,
  threadId: idSchema,
  turnId: idSchema,
  /** Order within the thread. */
  seq: z.number().int(),
  status: itemStatusSchema,
  startedAt: z.number(),
  completedAt: z.number().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  costUsd: z.number().nullable(),
};

export const planStepSchema = z.object({
  step: z.string(),
  status: z.enum(['pending', 'in_progress', 'completed']),
});

export const fileChangeSchema = z.object({
  kind: z.enum(['add', 'update', 'delete', 'move']),
  path: z.string(),
  movePath: z.string().nullable(),
  /** Unified diff of the change. */
  diff: z.string(),
});

export const itemSchema = z.discriminatedUnion('kind', [
  z.object({
    ...itemBase,
    kind: z.literal('user_message'),
    text: z.string(),
    steer: z.boolean(),
    /** Skills the message brought into its turn (`$name` mentions); absent when none. */
    skills: z.array(skillUseSchema).optional(),
  }),
  z.object({ ...itemBase, kind: z.literal('agent_message'), text: z.string() }),
  z.object({ ...itemBase, kind: z.literal('reasoning'), text: z.string() }),
  z.object({
    ...itemBase,
    kind: z.literal('command'),
    command: z.string(),
    cwd: z.string(),
    reason: z.string().nullable(),
    /** What confined it: bwrap, seatbelt, or none (approved to run unconfined). */
    sandbox: z.string().nullable(),
    exitCode: z.number().int().nullable(),
    output: z.string(),
    timedOut: z.boolean(),
    durationMs: z.number().nullable(),
  }),
  z.object({
    ...itemBase,
    kind: z.literal('file_change'),
    patch: z.string(),
    changes: z.array(fileChangeSchema),
    error: z.string().nullable(),
  }),
  z.object({
    ...itemBase,
    kind: z.literal('tool_call'),
    tool: z.string(),
    arguments: z.string(),
    output: z.string().nullable(),
  }),
  z.object({
    ...itemBase,
    kind: z.literal('plan'),
    explanation: z.string().nullable(),
    steps: z.array(planStepSchema),
  }),
  z.object({
    ...itemBase,
    kind: z.literal('compaction'),
    summary: z.string(),
    replacedItems: z.number().int(),
  }),
  z.object({ ...itemBase, kind: z.literal('error'), message: z.string() }),
]);
export type Item = z.infer<typeof itemSchema>;
export type ItemKind = Item['kind'];

export const approvalStatusSchema = z.enum(['pending', 'approved', 'declined', 'aborted']);

export const approvalDecisionSchema = z.enum([
  'approve_once',
  'approve_for_thread',
  'always_allow_prefix',
  'decline',
  'abort_turn',
]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

export const approvalSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  turnId: idSchema,
  /** The command or file-change item waiting on this answer. */
  itemId: idSchema.nullable(),
  kind: z.enum(['command', 'patch', 'tool']),
  tool: z.string(),
  /** The exact command line, for `command`. */
  command: z.string().nullable(),
  /** The exact patch, for `patch`. */
  patch: z.string().nullable(),
  /** The raw tool arguments (JSON text). */
  arguments: z.string(),
  cwd: z.string(),
  /** Why the agent wants it, in its words. */
  reason: z.string().nullable(),
  /** Why the policy asks (e.g. "runs outside the sandbox"). */
  policyReason: z.string(),
  /** The command prefix an "always allow" answer would store (`["mcp:<server>:<tool>"]` for an MCP tool). */
  suggestedPrefix: z.array(z.string()).nullable(),
  status: approvalStatusSchema,
  decision: approvalDecisionSchema.nullable(),
  createdAt: z.number(),
  resolvedAt: z.number().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const approvalRuleSchema = z.object({
  id: idSchema,
  /** `tool`: calls of one MCP tool (`prefix` is `["mcp:<server>:<tool>"]`), in one thread or all. */
  kind: z.enum(['command_prefix', 'thread_command', 'thread_patches', 'tool']),
  /** Command words the rule matches at the start of a command (`["npm", "test"]`); empty for patches. */
  prefix: z.array(z.string()),
  /** null for a rule that applies to every thread. */
  threadId: idSchema.nullable(),
  createdAt: z.number(),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;
