import { z } from 'zod';
import {
  approvalPolicySchema,
  sandboxModeSchema,
  SkeinError,
  type RpcClient,
  type Thread,
} from '../../../src-shared/contract';
import type { McpToolContext, ToolCallExtra } from './mcp-context';
import { findOrAddProject, findProject } from './project-lookup';
import { describeThread, threadOutcomeShape } from './thread-outcome';
import { guarded, toolOk } from './tool-result';
import { waitForTurnEnd } from './turn-waiter';
import { watchUntil } from './watch-until';

/** A new worktree is usually ready in well under a second; setup scripts (npm install…) can take minutes. */
const READY_TIMEOUT_MS = 10 * 60_000;
/** Titles in the sidebar stay readable at this length. */
const TITLE_FROM_PROMPT_CHARS = 60;

const FAILED_SETUP = new Set(['setup_failed', 'error', 'missing', 'archived']);

function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > TITLE_FROM_PROMPT_CHARS
    ? `${line.slice(0, TITLE_FROM_PROMPT_CHARS - 1)}…`
    : line || 'MCP thread';
}

function waitUntilReady(rpc: RpcClient, threadId: string, signal: AbortSignal): Promise<Thread> {
  return watchUntil<Thread>({
    rpc,
    notifications: ['thread/updated'],
    relevant: (_name, params) => (params as { thread?: { id?: string } }).thread?.id === threadId,
    async check() {
      const thread = await rpc.api.thread.get({ threadId });
      if (thread.status === 'ready' || thread.status === 'done') return thread;
      if (FAILED_SETUP.has(thread.status)) {
        throw new SkeinError(
          'INVALID_STATE',
          `The thread's worktree could not be prepared (${thread.status}): ${thread.statusDetail ?? 'no detail'}.`,
        );
      }
      return undefined;
    },
    signal,
    timeout: {
      ms: READY_TIMEOUT_MS,
      result() {
        throw new SkeinError(
          'INVALID_STATE',
          `The thread was not ready after ${READY_TIMEOUT_MS / 60_000} minutes.`,
        );
      },
    },
    cancelled: 'The caller cancelled the request.',
  });
}

async function finishTurn(context: McpToolContext, threadId: string, wait: boolean, extra: ToolCallExtra) {
  if (wait) return toolOk(await waitForTurnEnd(context, threadId, extra));
  return toolOk(await describeThread(context.rpc, threadId));
}

const waitInput = z
  .boolean()
  .default(true)
  .describe(
    'Return when the turn ends (default). false: return as soon as it started; poll with thread_status.',
  );

export function registerThreadTools(context: McpToolContext): void {
  const { server, rpc } = context;

  server.registerTool(
    'thread_start',
    {
      title: 'Start a thread',
      description:
        'Starts a Skein thread (its own git worktree and branch) in a repository and runs its first agent turn with the prompt.',
      inputSchema: {
        repo: z
          .string()
          .min(1)
          .describe('Path of the git repository; added as a project if Skein does not know it.'),
        prompt: z.string().min(1).describe('The first message to the agent.'),
        title: z.string().min(1).max(200).optional(),
        base: z
          .string()
          .min(1)
          .optional()
          .describe("Branch to start from (the project's default base otherwise)."),
        model: z.string().min(1).optional(),
        approval_policy: approvalPolicySchema
          .optional()
          .describe('Per-thread approval policy; the stricter of this and the user/project setting applies.'),
        sandbox: sandboxModeSchema
          .optional()
          .describe('Per-thread sandbox; the stricter of this and the user/project setting applies.'),
        wait: waitInput,
      },
      outputSchema: threadOutcomeShape,
    },
    (args, extra) =>
      guarded('thread_start', async () => {
        const project = await findOrAddProject(rpc, args.repo);
        const started = await rpc.api.thread.start({
          projectId: project.id,
          title: args.title ?? titleFrom(args.prompt),
          base: args.base,
        });
        const thread = await waitUntilReady(rpc, started.id, extra.signal);
        if (args.approval_policy || args.sandbox) {
          await rpc.api.agent.setSettings({
            scope: 'thread',
            threadId: thread.id,
            settings: { approvalPolicy: args.approval_policy, sandboxMode: args.sandbox },
          });
        }
        await rpc.api.turn.start({ threadId: thread.id, message: args.prompt, model: args.model });
        return finishTurn(context, thread.id, args.wait, extra);
      }),
  );

  server.registerTool(
    'thread_reply',
    {
      title: 'Reply in a thread',
      description:
        "Sends a message to a thread's agent as a new turn (the thread must not be running a turn).",
      inputSchema: { threadId: z.string().min(1), prompt: z.string().min(1), wait: waitInput },
      outputSchema: threadOutcomeShape,
    },
    (args, extra) =>
      guarded('thread_reply', async () => {
        await rpc.api.thread.get({ threadId: args.threadId });
        await rpc.api.turn.start({ threadId: args.threadId, message: args.prompt });
        return finishTurn(context, args.threadId, args.wait, extra);
      }),
  );

  server.registerTool(
    'thread_status',
    {
      title: 'Thread status',
      description:
        "A thread's status, its last turn, the agent's last message and any approval waiting on an answer.",
      inputSchema: { threadId: z.string().min(1) },
      outputSchema: threadOutcomeShape,
      annotations: { readOnlyHint: true },
    },
    (args) => guarded('thread_status', async () => toolOk(await describeThread(rpc, args.threadId))),
  );

  server.registerTool(
    'thread_list',
    {
      title: 'List threads',
      description: 'Live threads of every project, or of the project holding repo.',
      inputSchema: { repo: z.string().min(1).optional() },
      outputSchema: {
        threads: z.array(
          z.object({
            threadId: z.string(),
            title: z.string(),
            repo: z.string(),
            branch: z.string(),
            worktree: z.string(),
            status: z.string(),
            updatedAt: z.number(),
          }),
        ),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('thread_list', async () => {
        const projectId = args.repo ? (await findProject(rpc, args.repo)).id : undefined;
        const [{ projects }, listed] = await Promise.all([
          rpc.api.project.list({}),
          rpc.api.thread.list({ projectId }),
        ]);
        const paths = new Map(projects.map((project) => [project.id, project.path]));
        const threads = listed.threads.map((thread) => ({
          threadId: thread.id,
          title: thread.title,
          repo: paths.get(thread.projectId) ?? '',
          branch: thread.branch,
          worktree: thread.worktreePath,
          status: thread.status,
          updatedAt: thread.updatedAt,
        }));
        return toolOk({ threads });
      }),
  );

  server.registerTool(
    'thread_interrupt',
    {
      title: 'Interrupt a thread',
      description: "Stops the thread's running turn (pending approvals are aborted).",
      inputSchema: { threadId: z.string().min(1) },
      outputSchema: threadOutcomeShape,
    },
    (args) =>
      guarded('thread_interrupt', async () => {
        await rpc.api.thread.get({ threadId: args.threadId });
        await rpc.api.turn.interrupt({ threadId: args.threadId });
        return toolOk(await describeThread(rpc, args.threadId));
      }),
  );
}
