import { z } from 'zod';

/** Entity shapes as they cross the wire. Timestamps are epoch milliseconds. */

export const idSchema = z.string().min(1).max(64);

const setupFilesSchema = z.array(z.string().min(1).max(1024)).max(100);
const setupCommandSchema = z.string().max(4096).nullable();
const poolSizeSchema = z.number().int().min(0).max(8);
const checkCommandSchema = z.string().max(4096).nullable();

export const projectSettingsSchema = z.object({
  /** Files (relative to the repository root) copied into every new worktree, e.g. `.env`. */
  setupFiles: setupFilesSchema.default([]),
  /** A shell command run in the thread's first terminal before the thread is marked ready. */
  setupCommand: setupCommandSchema.default(null),
  /** How many pre-created worktrees to keep ready for instant thread start. */
  poolSize: poolSizeSchema.default(2),
  /**
   * The project's check (its test command, say), run in a worktree through the login shell: it judges
   * attempts and gates a manager thread's "done". Null: no check configured.
   */
  checkCommand: checkCommandSchema.default(null),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/**
 * A settings change: absent fields keep their value. (`projectSettingsSchema.partial()` would not
 * do: zod still fills the defaults in, so a patch of one field would reset the others.)
 */
export const projectSettingsPatchSchema = z
  .object({
    setupFiles: setupFilesSchema,
    setupCommand: setupCommandSchema,
    poolSize: poolSizeSchema,
    checkCommand: checkCommandSchema,
  })
  .partial()
  .strict();

export const projectSchema = z.object({
  id: idSchema,
  name: z.string(),
  path: z.string(),
  /** The branch new threads start from unless they name another. */
  defaultBase: z.string(),
  settings: projectSettingsSchema,
  createdAt: z.number(),
});
export type Project = z.infer<typeof projectSchema>;

export const threadStatusSchema = z.enum([
  'creating',
  'setting_up',
  'setup_failed',
  'ready',
  'working',
  'waiting_approval',
  'done',
  'error',
  'archived',
  'missing',
]);
export type ThreadStatus = z.infer<typeof threadStatusSchema>;

/**
 * Which agent works in a thread: Skein's built-in agent, Codex (`codex app-server`) or Claude Code
 * (the agent SDK). Chosen when the thread starts, changeable while no turn runs.
 */
export const threadBackendSchema = z.enum(['builtin', 'codex', 'claude']);
export type ThreadBackend = z.infer<typeof threadBackendSchema>;

export const threadSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  slug: z.string(),
  branch: z.string(),
  base: z.string(),
  /** The commit the branch started from. */
  baseCommit: z.string(),
  worktreePath: z.string(),
  backend: threadBackendSchema,
  status: threadStatusSchema,
  /** Why the thread is in `error`, `setup_failed` or `missing`, in words. */
  statusDetail: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  archivedAt: z.number().nullable(),
});
export type Thread = z.infer<typeof threadSchema>;

export const trashEntrySchema = z.object({
  id: idSchema,
  projectId: idSchema,
  threadId: idSchema.nullable(),
  threadTitle: z.string(),
  /** `refs/skein/trash/<thread>/<time>`: a commit holding the work that would have been lost. */
  ref: z.string(),
  commit: z.string(),
  branch: z.string().nullable(),
  reason: z.string(),
  createdAt: z.number(),
});
export type TrashEntry = z.infer<typeof trashEntrySchema>;

export const terminalStatusSchema = z.enum(['running', 'exited']);
export type TerminalStatus = z.infer<typeof terminalStatusSchema>;

export const terminalSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  title: z.string(),
  cwd: z.string(),
  cols: z.number().int(),
  rows: z.number().int(),
  status: terminalStatusSchema,
  exitCode: z.number().int().nullable(),
  /** Set for the terminal that runs the project's setup command. */
  purpose: z.enum(['shell', 'setup']),
  createdAt: z.number(),
});
export type Terminal = z.infer<typeof terminalSchema>;

export const reconcileActionSchema = z.object({
  threadId: idSchema.nullable(),
  kind: z.enum([
    'worktree_missing',
    'branch_missing',
    'branch_renamed',
    'worktree_restored',
    'stale_worktree_pruned',
    'pool_entry_dropped',
    'terminal_ended',
  ]),
  message: z.string(),
});
export type ReconcileAction = z.infer<typeof reconcileActionSchema>;

export const hostInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  gitVersion: z.string().nullable(),
  startedAt: z.number(),
  /** What the start-up reconcile repaired or could not repair. */
  reconcile: z.array(reconcileActionSchema),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

/** The host process's memory, in bytes, as Node reports it; `collected` when full GCs (host and mirror worker) ran first. */
export const hostMemorySchema = z.object({
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  heapTotalBytes: z.number(),
  externalBytes: z.number(),
  arrayBuffersBytes: z.number(),
  /** The terminals' screen mirrors run in a worker thread with a V8 heap of its own; null when none runs. */
  mirrorHeapUsedBytes: z.number().nullable(),
  mirrorHeapTotalBytes: z.number().nullable(),
  /** The mirrors' typed arrays (every scrollback line's cells), outside both heaps. */
  mirrorArrayBuffersBytes: z.number().nullable(),
  collected: z.boolean(),
});
export type HostMemory = z.infer<typeof hostMemorySchema>;
