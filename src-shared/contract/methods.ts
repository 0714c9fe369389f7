import { z } from 'zod';
import { agentMethods } from './agent-methods';
import { attemptMethods } from './attempt-methods';
import { budgetMethods } from './budget-methods';
import { cliAgentMethods } from './cli-agent-methods';
import { conflictMethods } from './conflict-methods';
import { managerMethods } from './manager-methods';
import { mcpMethods } from './mcp-methods';
import { reviewAgentMethods } from './review-agent-methods';
import { reviewMethods } from './review-methods';
import { skillMethods } from './skill-methods';
import { traceMethods } from './trace-methods';
import {
  hostInfoSchema,
  hostMemorySchema,
  idSchema,
  projectSchema,
  projectSettingsPatchSchema,
  terminalSchema,
  threadBackendSchema,
  threadSchema,
  trashEntrySchema,
} from './models';

/**
 * Every request the host answers: `domain/verb` -> params and result schemas.
 * The host validates params with these before a handler runs; types are inferred, never hand-written.
 */
const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const pathString = z.string().min(1).max(4096);
const title = z.string().trim().min(1).max(200);
const dimension = (max: number) => z.number().int().min(1).max(max);

export const methods = {
  'host/info': { params: empty, result: hostInfoSchema },
  /**
   * A client (re)starting its session on this connection, e.g. a desktop window that reloaded over the same
   * pipe: the host drops the connection's terminal attachments and flow-control debts, then answers host/info.
   */
  'host/hello': { params: empty, result: hostInfoSchema },
  /**
   * The host's memory now. `collect: true` runs a full garbage collection first, so what is read is what
   * the host keeps, not garbage V8 has not got to yet (the soak reads it this way).
   */
  'host/memory': {
    params: z.object({ collect: z.boolean().optional() }).strict(),
    result: hostMemorySchema,
  },

  'project/add': { params: z.object({ path: pathString }).strict(), result: projectSchema },
  'project/list': { params: empty, result: z.object({ projects: z.array(projectSchema) }) },
  'project/update': {
    params: z
      .object({
        projectId: idSchema,
        name: title.optional(),
        defaultBase: z.string().min(1).max(255).optional(),
        settings: projectSettingsPatchSchema.optional(),
      })
      .strict(),
    result: projectSchema,
  },
  'project/remove': { params: z.object({ projectId: idSchema }).strict(), result: ok },
  'project/branches': {
    params: z.object({ projectId: idSchema }).strict(),
    result: z.object({ current: z.string().nullable(), branches: z.array(z.string()) }),
  },

  'thread/start': {
    params: z
      .object({
        projectId: idSchema,
        title,
        /** Branch or commit to start from; defaults to the project's default base. */
        base: z.string().min(1).max(255).optional(),
        /** The agent that works in it; defaults to the project's (else the user's) `backend` setting. */
        backend: threadBackendSchema.optional(),
      })
      .strict(),
    result: threadSchema,
  },
  /**
   * Switches the agent that works in a thread. INVALID_STATE while a turn runs or waits for approval.
   * The new agent does not see the old one's conversation (the transcript keeps it).
   */
  'thread/setBackend': {
    params: z.object({ threadId: idSchema, backend: threadBackendSchema }).strict(),
    result: threadSchema,
  },
  'thread/list': {
    params: z.object({ projectId: idSchema.optional(), includeArchived: z.boolean().optional() }).strict(),
    result: z.object({ threads: z.array(threadSchema) }),
  },
  'thread/get': { params: z.object({ threadId: idSchema }).strict(), result: threadSchema },
  'thread/rename': {
    params: z.object({ threadId: idSchema, title }).strict(),
    result: threadSchema,
  },
  'thread/archive': { params: z.object({ threadId: idSchema }).strict(), result: threadSchema },
  'thread/unarchive': { params: z.object({ threadId: idSchema }).strict(), result: threadSchema },
  'thread/delete': {
    params: z.object({ threadId: idSchema, force: z.boolean().optional() }).strict(),
    result: z.object({ trash: z.array(trashEntrySchema) }),
  },

  'trash/list': {
    params: z.object({ projectId: idSchema }).strict(),
    result: z.object({ entries: z.array(trashEntrySchema) }),
  },

  'terminal/open': {
    params: z
      .object({
        threadId: idSchema,
        cols: dimension(1000).optional(),
        rows: dimension(500).optional(),
        title: title.optional(),
      })
      .strict(),
    result: terminalSchema,
  },
  'terminal/list': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ terminals: z.array(terminalSchema) }),
  },
  /** Start receiving `terminal/data` for this terminal on this connection; returns the current screen. */
  'terminal/attach': {
    params: z.object({ terminalId: idSchema }).strict(),
    result: z.object({ terminal: terminalSchema, screen: z.string() }),
  },
  'terminal/detach': { params: z.object({ terminalId: idSchema }).strict(), result: ok },
  'terminal/input': {
    params: z.object({ terminalId: idSchema, data: z.string().max(1_000_000) }).strict(),
    result: ok,
  },
  'terminal/resize': {
    params: z.object({ terminalId: idSchema, cols: dimension(1000), rows: dimension(500) }).strict(),
    result: ok,
  },
  /** Flow control: the client has rendered this many more characters of `terminal/data`. */
  'terminal/ack': {
    params: z.object({ terminalId: idSchema, chars: z.number().int().min(0) }).strict(),
    result: ok,
  },
  'terminal/kill': { params: z.object({ terminalId: idSchema }).strict(), result: ok },
  /** Start a fresh shell in a terminal whose process ended; its old screen stays above. */
  'terminal/restart': { params: z.object({ terminalId: idSchema }).strict(), result: terminalSchema },
  /** Remove the terminal and its stored scrollback (an explicit user request). */
  'terminal/close': { params: z.object({ terminalId: idSchema }).strict(), result: ok },
  ...agentMethods,
  ...reviewMethods,
  ...conflictMethods,
  ...skillMethods,
  ...mcpMethods,
  ...cliAgentMethods,
  ...attemptMethods,
  ...managerMethods,
  ...traceMethods,
  ...budgetMethods,
  ...reviewAgentMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type MethodParamsParsed<M extends MethodName> = z.output<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
