import { SkeinError } from '../../../../../src-shared/contract';
import { createLogger } from '../../../log';
import { BackendReporter } from '../backend-reporter';
import type { AgentBackend, BackendHooks, BackendStartOptions, BackendStatus } from '../types';
import type { CodexBinary } from './codex-binary';
import { CodexEventMapper } from './codex-event-mapper';
import { CodexApprovalBridge } from './codex-approval-bridge';
import { CodexProcess } from './codex-process';
import type {
  InitializeParams,
  InitializeResponse,
  TextInput,
  ThreadResumeParams,
  ThreadStartParams,
  ThreadStartResponse,
  CodexTurn,
} from './codex-protocol';
import { JsonRpcStdio } from './json-rpc-stdio';

const log = createLogger('codex');

/** How long an interrupt waits for Codex to report the turn ended before we end it ourselves. */
const INTERRUPT_TIMEOUT_MS = 15_000;
/** Start-up (spawn, handshake, loading a long session) normally takes 1–2 s; past this Codex is stuck. */
const START_TIMEOUT_MS = 60_000;

/** Rejects with `message` when `promise` has not settled in `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CodexBackendOptions {
  binary: CodexBinary;
  hooks: BackendHooks;
  /** CODEX_HOME for the process (its config.toml, auth, sessions); the user's own when absent. */
  codexHome?: string | null;
  /** The environment Codex runs in (provider keys, proxies); the host's when absent. */
  env?: NodeJS.ProcessEnv;
  /**
   * `-c key=value` overrides (TOML values) on top of CODEX_HOME/config.toml: how a user's
   * provider settings chosen in Skein (model_provider, model_providers.<id>.base_url…) reach Codex.
   */
  config?: Record<string, string>;
  clientVersion?: string;
}

function textInput(text: string): TextInput[] {
  return [{ type: 'text', text, text_elements: [] }];
}

/** Codex (`codex app-server` over stdio) as a thread's backend. One process per thread. */
export class CodexBackend implements AgentBackend {
  readonly kind = 'codex' as const;
  private threadId: string | null = null;
  private activeTurn: string | null = null;
  private process: CodexProcess | null = null;
  private rpc: JsonRpcStdio | null = null;
  private mapper: CodexEventMapper | null = null;
  private approvals: CodexApprovalBridge | null = null;
  private readonly turnEnded = new Map<string, () => void>();
  /** Turns already over: a `turn/start` answer read after its own `turn/completed` must not revive one. */
  private readonly finishedTurns = new Set<string>();
  private disposed = false;

  private readonly reporter: BackendReporter;

  constructor(private readonly options: CodexBackendOptions) {
    this.reporter = new BackendReporter(options.hooks, log);
  }

  get sessionId(): string | null {
    return this.threadId;
  }

  get status(): BackendStatus {
    return this.reporter.status;
  }

  async start(start: BackendStartOptions): Promise<{ sessionId: string }> {
    if (this.process) throw new SkeinError('INVALID_STATE', 'This Codex backend was already started.');
    const env = { ...(this.options.env ?? process.env) };
    if (this.options.codexHome) env.CODEX_HOME = this.options.codexHome;
    const mapper = new CodexEventMapper(start.worktreePath, (event) => this.reporter.emit(event));
    this.mapper = mapper;
    this.approvals = new CodexApprovalBridge({
      worktree: start.worktreePath,
      ask: (request) => this.options.hooks.onApproval(request),
      openItem: (id) => mapper.openItem(id),
      waiting: (count) => {
        if (count > 0) this.reporter.setStatus('waiting_approval', null);
        else if (this.activeTurn) this.reporter.setStatus('working', null);
      },
      interruptTurn: () => void this.interrupt(),
    });
    this.process = new CodexProcess({
      binaryPath: this.options.binary.path,
      cwd: start.worktreePath,
      env,
      config: this.options.config ?? {},
      onExit: (detail) => this.exited(detail),
    });
    this.rpc = new JsonRpcStdio(this.process.child.stdout, this.process.child.stdin, {
      onNotification: (method, params) => this.notified(method, params),
      onRequest: (method, params, id) => this.approvals!.handle(method, params, id),
    });
    try {
      this.threadId = await within(
        this.handshake(this.rpc, start),
        START_TIMEOUT_MS,
        `it did not answer within ${START_TIMEOUT_MS / 1000} s`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dispose();
      throw new SkeinError(
        'INVALID_STATE',
        start.resumeSessionId
          ? `Codex could not resume its session ${start.resumeSessionId}: ${reason}`
          : `Codex did not start: ${reason}`,
        { path: this.options.binary.path },
      );
    }
    this.reporter.setStatus('idle', null);
    return { sessionId: this.threadId };
  }

  /** initialize, then thread/start or thread/resume; resolves with Codex's thread id. */
  private async handshake(rpc: JsonRpcStdio, start: BackendStartOptions): Promise<string> {
    const init: InitializeParams = {
      clientInfo: { name: 'skein', title: 'Skein', version: this.options.clientVersion ?? '0.0.0' },
      capabilities: { experimentalApi: false, requestAttestation: false },
    };
    await rpc.request<InitializeResponse>('initialize', init);
    rpc.notify('initialized');
    const settings: ThreadStartParams = {
      cwd: start.worktreePath,
      approvalPolicy: start.approvalPolicy,
      sandbox: start.sandboxMode,
      ...(start.model ? { model: start.model } : {}),
    };
    const response = start.resumeSessionId
      ? await rpc.request<ThreadStartResponse>('thread/resume', {
          ...settings,
          threadId: start.resumeSessionId,
          excludeTurns: true,
        } satisfies ThreadResumeParams)
      : await rpc.request<ThreadStartResponse>('thread/start', settings);
    return response.thread.id;
  }

  async sendMessage(text: string): Promise<{ backendTurnId: string }> {
    const { rpc, threadId } = this.ready();
    if (this.activeTurn) {
      throw new SkeinError('INVALID_STATE', 'Codex is working on a turn; steer it or interrupt it first.');
    }
    const { turn } = await rpc.request<{ turn: CodexTurn }>('turn/start', {
      threadId,
      input: textInput(text),
    });
    this.turnStarted(turn.id);
    return { backendTurnId: turn.id };
  }

  async steer(text: string): Promise<void> {
    const { rpc, threadId } = this.ready();
    if (!this.activeTurn)
      throw new SkeinError('INVALID_STATE', 'Codex has no running turn to steer; send a message instead.');
    await rpc.request('turn/steer', { threadId, input: textInput(text), expectedTurnId: this.activeTurn });
  }

  async interrupt(): Promise<void> {
    const turnId = this.activeTurn;
    if (!turnId || !this.rpc || !this.threadId) return;
    const ended = new Promise<void>((resolve) => this.turnEnded.set(turnId, resolve));
    this.approvals?.abortTurn(turnId);
    try {
      await this.rpc.request('turn/interrupt', { threadId: this.threadId, turnId });
    } catch (error) {
      // The turn may have ended in the meantime (a cancelled approval interrupts it too).
      log.debug(`turn/interrupt for ${turnId} was refused`, error);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), INTERRUPT_TIMEOUT_MS);
    });
    const late = await Promise.race([ended.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late && this.activeTurn === turnId) {
      this.turnFinished(
        turnId,
        'interrupted',
        'Codex did not confirm the interrupt; the turn was ended here.',
      );
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.approvals?.abortAll();
    this.rpc?.close(new SkeinError('INVALID_STATE', 'The Codex backend was disposed.'));
    await this.process?.stop();
    this.reporter.setStatus('exited', null);
  }

  private ready(): { rpc: JsonRpcStdio; threadId: string } {
    if (!this.rpc || !this.threadId || this.reporter.status === 'exited') {
      throw new SkeinError('INVALID_STATE', 'Codex is not running for this thread; start it again.');
    }
    return { rpc: this.rpc, threadId: this.threadId };
  }

  private turnStarted(turnId: string): void {
    if (this.activeTurn === turnId || this.finishedTurns.has(turnId)) return;
    this.activeTurn = turnId;
    this.reporter.emit({ type: 'turn/started', backendTurnId: turnId });
    this.reporter.setStatus('working', null);
  }

  private turnFinished(
    turnId: string,
    outcome: 'completed' | 'interrupted' | 'failed',
    error: string | null,
  ): void {
    if (this.activeTurn !== turnId) return;
    this.activeTurn = null;
    this.finishedTurns.add(turnId);
    this.approvals?.abortTurn(turnId);
    this.mapper?.endTurn(turnId);
    this.reporter.emit({ type: 'turn/completed', backendTurnId: turnId, outcome, error });
    this.turnEnded.get(turnId)?.();
    this.turnEnded.delete(turnId);
    this.reporter.setStatus('idle', null);
  }

  private notified(method: string, params: unknown): void {
    const scoped = params as { threadId?: unknown } | undefined;
    // Sub-agent threads report on the same connection; only our thread's events are the transcript.
    if (typeof scoped?.threadId === 'string' && scoped.threadId !== this.threadId) return;
    if (method === 'turn/started') {
      this.turnStarted((params as { turn: CodexTurn }).turn.id);
      return;
    }
    if (method === 'turn/completed') {
      const turn = (params as { turn: CodexTurn }).turn;
      if (this.activeTurn !== turn.id) this.turnStarted(turn.id);
      const { outcome, error } = this.mapper!.outcome(turn);
      this.turnFinished(turn.id, outcome, error);
      return;
    }
    if (method === 'error') {
      const { error, willRetry } = params as { error: { message: string }; willRetry: boolean };
      if (willRetry) this.reporter.setStatus(this.reporter.status, `Codex is retrying: ${error.message}`);
      return;
    }
    this.mapper?.notification(method, params);
  }

  private exited(detail: string | null): void {
    this.rpc?.close(new SkeinError('INVALID_STATE', detail ?? 'Codex stopped.'));
    if (this.activeTurn)
      this.turnFinished(this.activeTurn, 'failed', detail ?? 'Codex stopped during the turn.');
    this.reporter.exited(detail);
  }
}
