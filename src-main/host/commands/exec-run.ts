import {
  RpcError,
  SkeinError,
  type AgentSandboxMode,
  type AgentSettingsPatch,
  type ApprovalPolicy,
  type Item,
  type RpcClient,
  type Thread,
  type ThreadBackend,
  type ThreadStatus,
} from '../../../src-shared/contract';
import { findOrAddProject } from '../mcp/project-lookup';
import { watchUntil } from '../mcp/watch-until';
import { UsageError } from './cli-command';
import { titleFromPrompt, type ExecEvent } from './exec-events';
import { followTurn, type FollowedTurn } from './exec-turn';

/** A new worktree is usually ready in well under a second; a setup command (npm install…) can take minutes. */
const READY_TIMEOUT_MS = 10 * 60_000;
/** Titles in the sidebar stay readable at this length (as for threads started over MCP). */
const TITLE_CHARS = 60;

export interface ExecRequest {
  prompt: string;
  /** Start a new thread in the repository at this folder… */
  repo?: string;
  /** …or continue this thread. */
  resumeThreadId?: string;
  backend?: ThreadBackend;
  model?: string;
  approvalPolicy?: ApprovalPolicy;
  sandbox?: AgentSandboxMode;
}

export interface ExecSink {
  event(event: ExecEvent): void;
  /** A line for a person watching (stderr, plain mode only). */
  progress(line: string): void;
}

export interface ExecResult extends FollowedTurn {
  thread: Thread;
  /** The agent's last message in the turn. */
  finalMessage: string | null;
}

const PREPARING: ReadonlySet<ThreadStatus> = new Set(['creating', 'setting_up']);
const UNUSABLE: ReadonlySet<ThreadStatus> = new Set(['setup_failed', 'missing', 'archived']);
const BUSY: ReadonlySet<ThreadStatus> = new Set(['working', 'waiting_approval']);
const BAD_REPO = new Set(['NOT_A_GIT_REPO', 'PATH_NOT_FOUND', 'BARE_REPO']);

function stoppedError(signal: string): Error {
  return new Error(`Stopped by ${signal} before the turn started.`);
}

/** Waits while the worktree is prepared; a new thread in `error` failed to get one. */
function waitUntilReady(rpc: RpcClient, threadId: string, fresh: boolean, signal: AbortSignal) {
  return watchUntil<Thread>({
    rpc,
    notifications: ['thread/updated'],
    relevant: (_name, params) => (params as { thread?: { id?: string } }).thread?.id === threadId,
    async check() {
      const thread = await rpc.api.thread.get({ threadId });
      if (UNUSABLE.has(thread.status) || (fresh && thread.status === 'error')) {
        throw new SkeinError(
          'INVALID_STATE',
          `The thread's worktree is not usable (${thread.status}): ${thread.statusDetail ?? 'no detail'}.`,
        );
      }
      return PREPARING.has(thread.status) ? undefined : thread;
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
    cancelled: 'Stopped before the thread was ready.',
  });
}

/** The model flag names the field of the thread's backend: each agent reads its own. */
function settingsPatch(request: ExecRequest, backend: ThreadBackend): AgentSettingsPatch | null {
  const patch: AgentSettingsPatch = {};
  if (request.model !== undefined) {
    if (backend === 'codex') patch.codexModel = request.model;
    else if (backend === 'claude') patch.claudeModel = request.model;
    else patch.model = request.model;
  }
  if (request.approvalPolicy !== undefined) patch.approvalPolicy = request.approvalPolicy;
  if (request.sandbox !== undefined) patch.sandboxMode = request.sandbox;
  return Object.keys(patch).length > 0 ? patch : null;
}

async function addProject(rpc: RpcClient, repo: string) {
  try {
    return await findOrAddProject(rpc, repo);
  } catch (error) {
    if (error instanceof RpcError && BAD_REPO.has(error.kind))
      throw new UsageError(`--repo: ${error.message}`);
    throw error;
  }
}

async function openThread(rpc: RpcClient, request: ExecRequest): Promise<{ thread: Thread; fresh: boolean }> {
  if (request.resumeThreadId !== undefined) {
    const thread = await rpc.api.thread.get({ threadId: request.resumeThreadId });
    if (BUSY.has(thread.status)) {
      throw new SkeinError(
        'INVALID_STATE',
        `Thread ${thread.id} ("${thread.title}") is busy: its agent is running a turn. Wait until it ends, or interrupt it in the app.`,
      );
    }
    if (thread.status === 'archived') {
      throw new SkeinError(
        'INVALID_STATE',
        `Thread ${thread.id} ("${thread.title}") is archived. Restore it in the app first.`,
      );
    }
    return { thread, fresh: false };
  }
  const project = await addProject(rpc, request.repo ?? process.cwd());
  const thread = await rpc.api.thread.start({
    projectId: project.id,
    title: titleFromPrompt(request.prompt, TITLE_CHARS),
    backend: request.backend,
  });
  return { thread, fresh: true };
}

function lastAgentMessage(items: readonly Item[], turnId: string): string | null {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item?.turnId === turnId && item.kind === 'agent_message') return item.text;
  }
  return null;
}

/**
 * One headless turn: a new thread in the repository (or the thread to resume), its settings layer from
 * the flags, the turn started and followed to its end. Throws when it never got to start the turn.
 */
export async function runExec(
  rpc: RpcClient,
  request: ExecRequest,
  sink: ExecSink,
  stop: Promise<string>,
): Promise<ExecResult> {
  const stopping = new AbortController();
  let stoppedBy: string | null = null;
  void stop.then((signal) => {
    stoppedBy = signal;
    stopping.abort();
  });
  const { thread: opened, fresh } = await openThread(rpc, request);
  sink.event({ type: 'thread.started', thread_id: opened.id });
  sink.progress(`Thread ${opened.id} on branch ${opened.branch} in ${opened.worktreePath}`);
  const patch = settingsPatch(request, opened.backend);
  if (patch) await rpc.api.agent.setSettings({ scope: 'thread', threadId: opened.id, settings: patch });
  let thread: Thread;
  try {
    thread = await waitUntilReady(rpc, opened.id, fresh, stopping.signal);
  } catch (error) {
    if (stoppedBy !== null) throw stoppedError(stoppedBy);
    throw error;
  }
  if (stoppedBy !== null) throw stoppedError(stoppedBy);
  const followed = await followTurn({
    rpc,
    threadId: thread.id,
    startTurn: async () => (await rpc.api.turn.start({ threadId: thread.id, message: request.prompt })).turn,
    emit: (event) => sink.event(event),
    stop,
  });
  const { items } = await rpc.api.thread.items({ threadId: thread.id });
  return { ...followed, thread, finalMessage: lastAgentMessage(items, followed.turn.id) };
}
