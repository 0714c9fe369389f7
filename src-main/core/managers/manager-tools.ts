import { tool, type Tool } from '@openai/agents';
import { z } from 'zod';
import { threadBackendSchema, type ThreadBackend } from '../../../src-shared/contract';
import type { ToolEnvironment } from '../agents/tools/tool-environment';
import { errorText } from '../error-text';

/** A wait longer than this is cut to it: a model should look at its workers at least this often. */
export const MAX_WAIT_SECONDS = 3_600;

/** What the manager's and workers' tools ask of the manager service. Each answer is text for the model. */
export interface ManagerToolOps {
  startWorker(
    managerThreadId: string,
    input: { title: string; task: string; backend?: ThreadBackend },
    signal: AbortSignal | undefined,
  ): Promise<string>;
  messageWorker(managerThreadId: string, workerThreadId: string, message: string): Promise<string>;
  waitForWorkers(
    managerThreadId: string,
    input: { threadIds?: string[]; mode: 'all' | 'any'; timeoutSeconds: number },
    signal: AbortSignal | undefined,
  ): Promise<string>;
  workerStatus(managerThreadId: string, workerThreadId: string): Promise<string>;
  stopWorker(managerThreadId: string, workerThreadId: string): Promise<string>;
  reportDone(managerThreadId: string, summary: string, signal: AbortSignal | undefined): Promise<string>;
  handBack(workerThreadId: string, summary: string): Promise<string>;
}

type CallDetails = { toolCall?: { callId: string; arguments: string }; signal?: AbortSignal } | undefined;

/** Runs a tool, recording its call as a `tool_call` item; a failure becomes text the model can act on. */
async function recorded(
  env: ToolEnvironment,
  name: string,
  details: CallDetails,
  input: unknown,
  work: () => Promise<string>,
): Promise<string> {
  const item = env.items.forCall(
    details?.toolCall?.callId ?? `${name}-${Date.now()}`,
    name,
    details?.toolCall?.arguments ?? JSON.stringify(input),
  );
  try {
    const output = await work();
    env.items.complete(item, { output }, details?.signal?.aborted ? 'interrupted' : 'completed');
    return output;
  } catch (error) {
    const output = `${name} failed: ${errorText(error)}`;
    env.items.complete(item, { output }, 'failed');
    return output;
  }
}

/** The tools of a manager thread's agent: start, message, wait for, inspect and stop workers; report done. */
export function buildManagerTools(ops: ManagerToolOps, env: ToolEnvironment): Tool<unknown>[] {
  const manager = env.threadId;
  return [
    tool({
      name: 'start_worker',
      description:
        "Starts a worker: a new thread (its own branch and worktree, from your base) whose agent gets `task` as its first message and works on it in parallel. Give each worker a self-contained task. Returns the worker's thread_id.",
      parameters: z.object({
        title: z.string().min(1).max(200).describe('A short name for the worker, shown to the user.'),
        task: z.string().min(1).max(200_000).describe('Everything the worker needs to know to do its part.'),
        backend: threadBackendSchema
          .optional()
          .describe('The agent to run it; the default is usually right.'),
      }),
      execute: (input, _context, details) =>
        recorded(env, 'start_worker', details, input, () => ops.startWorker(manager, input, details?.signal)),
    }),
    tool({
      name: 'message_worker',
      description:
        'Sends a worker a message: it reaches the turn it is working on, or starts a new turn when it is idle or handed back (e.g. to ask for a fix).',
      parameters: z.object({ thread_id: z.string().min(1), message: z.string().min(1).max(200_000) }),
      execute: (input, _context, details) =>
        recorded(env, 'message_worker', details, input, () =>
          ops.messageWorker(manager, input.thread_id, input.message),
        ),
    }),
    tool({
      name: 'wait_for_workers',
      description:
        "Waits until your workers stop working (their turn ended or they handed back): all of them, or any one. Returns each worker's state and last words. Ends at the timeout too.",
      parameters: z.object({
        thread_ids: z
          .array(z.string().min(1))
          .optional()
          .describe('Which workers; all of yours when absent.'),
        mode: z.enum(['all', 'any']),
        timeout_seconds: z.number().int().min(1).max(MAX_WAIT_SECONDS),
      }),
      execute: (input, _context, details) =>
        recorded(env, 'wait_for_workers', details, input, () =>
          ops.waitForWorkers(
            manager,
            { threadIds: input.thread_ids, mode: input.mode, timeoutSeconds: input.timeout_seconds },
            details?.signal,
          ),
        ),
    }),
    tool({
      name: 'worker_status',
      description:
        "A worker's state, its last message or hand-back summary, and its changes against its base (a diff stat and the unified diff, cut when long; uncommitted work included).",
      parameters: z.object({ thread_id: z.string().min(1) }),
      execute: (input, _context, details) =>
        recorded(env, 'worker_status', details, input, () => ops.workerStatus(manager, input.thread_id)),
    }),
    tool({
      name: 'stop_worker',
      description: "Stops a worker: interrupts its turn, and its work no longer goes into the gate's merge.",
      parameters: z.object({ thread_id: z.string().min(1) }),
      execute: (input, _context, details) =>
        recorded(env, 'stop_worker', details, input, () => ops.stopWorker(manager, input.thread_id)),
    }),
    tool({
      name: 'report_done',
      description:
        "Reports the whole task done. First the gate runs: every worker's work is merged and the project's check runs on the result. While the check fails it refuses with the check's output; ask a worker to fix it, wait, and call again.",
      parameters: z.object({
        summary: z.string().min(1).max(20_000).describe('What was done, for the user.'),
      }),
      execute: (input, _context, details) =>
        recorded(env, 'report_done', details, input, () =>
          ops.reportDone(manager, input.summary, details?.signal),
        ),
    }),
  ];
}

/** The tool a worker thread's agent gets: hand its work back to its manager. */
export function buildWorkerTools(ops: ManagerToolOps, env: ToolEnvironment): Tool<unknown>[] {
  return [
    tool({
      name: 'hand_back',
      description:
        'Hands your work back to the manager that gave you the task, with a summary of what you did and anything left open. Call it when your task is done, then end your turn.',
      parameters: z.object({ summary: z.string().min(1).max(20_000) }),
      execute: (input, _context, details) =>
        recorded(env, 'hand_back', details, input, () => ops.handBack(env.threadId, input.summary)),
    }),
  ];
}
