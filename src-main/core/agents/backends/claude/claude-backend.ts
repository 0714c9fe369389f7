import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { query, type Query, type SettingSource } from '@anthropic-ai/claude-agent-sdk';
import { SkeinError } from '../../../../../src-shared/contract';
import { createLogger } from '../../../log';
import { BackendReporter } from '../backend-reporter';
import type { AgentBackend, BackendHooks, BackendStartOptions, BackendStatus } from '../types';
import { ClaudeApprovalBridge } from './claude-approval-bridge';
import { permissionSettings } from './claude-approvals';
import { claudeEnv, type ClaudeEnvOptions } from './claude-env';
import { ClaudeEventMapper } from './claude-event-mapper';
import { ClaudeInput, userMessage } from './claude-input';
import { resultOutcome } from './claude-items';
import type { ClaudeMessage, CommandLifecycleMessage, ResultMessage } from './claude-protocol';
import { ClaudeTurns } from './claude-turns';
import { readSmallFile, stopChild, within } from './claude-process';

const log = createLogger('claude');

/** How long an interrupt waits for Claude to report the turn ended before we end it ourselves. */
const INTERRUPT_TIMEOUT_MS = 15_000;
/** Spawn plus initialize takes 1–3 s here (a 380 MB native binary); past this Claude Code is stuck. */
const START_TIMEOUT_MS = 60_000;

export interface ClaudeBackendOptions extends Omit<ClaudeEnvOptions, 'clientVersion'> {
  hooks: BackendHooks;
  /** The `claude` executable; the SDK's bundled native binary when absent. */
  executablePath?: string | null;
  /** Which Claude settings files apply (user, project, local); all, like the CLI, when absent. */
  settingSources?: SettingSource[];
  clientVersion?: string;
}

/** Claude Code (through `@anthropic-ai/claude-agent-sdk`) as a thread's backend. One process per thread. */
export class ClaudeBackend implements AgentBackend {
  readonly kind = 'claude' as const;
  private session: string | null = null;
  private run: Query | null = null;
  private input: ClaudeInput | null = null;
  private child: ChildProcess | null = null;
  private pump: Promise<void> | null = null;
  private mapper: ClaudeEventMapper | null = null;
  private approvals: ClaudeApprovalBridge | null = null;
  private readonly turns = new ClaudeTurns();
  private readonly turnEnded = new Map<string, () => void>();
  private stderrTail = '';
  private disposed = false;

  private readonly reporter: BackendReporter;

  constructor(private readonly options: ClaudeBackendOptions) {
    this.reporter = new BackendReporter(options.hooks, log);
  }

  get sessionId(): string | null {
    return this.session;
  }

  get status(): BackendStatus {
    return this.reporter.status;
  }

  /** The Claude Code process id while it runs (tests check it is gone after dispose). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async start(start: BackendStartOptions): Promise<{ sessionId: string }> {
    if (this.run) throw new SkeinError('INVALID_STATE', 'This Claude Code backend was already started.');
    const worktree = start.worktreePath;
    const mapper = new ClaudeEventMapper({
      worktree,
      emit: (event) => this.reporter.emit(event),
      readFile: (path) => readSmallFile(isAbsolute(path) ? path : join(worktree, path)),
      wasDeclined: (id) => this.approvals?.wasDeclined(id) ?? false,
    });
    this.mapper = mapper;
    this.approvals = new ClaudeApprovalBridge({
      worktree,
      ask: (request) => this.options.hooks.onApproval(request),
      currentTurn: () => this.turns.active?.id ?? null,
      openItem: (id) => mapper.openItem(id),
      waiting: (count) => {
        if (count > 0) this.reporter.setStatus('waiting_approval', null);
        else if (this.turns.active) this.reporter.setStatus('working', null);
      },
      aborted: () => {
        if (this.turns.active) this.turns.active.interrupting = true;
      },
    });
    const sessionId = start.resumeSessionId ?? randomUUID();
    const permissions = permissionSettings(start.approvalPolicy, start.sandboxMode);
    this.input = new ClaudeInput();
    this.run = query({
      prompt: this.input,
      options: {
        cwd: worktree,
        env: claudeEnv({ ...this.options, clientVersion: this.options.clientVersion ?? '0.0.0' }),
        ...(start.resumeSessionId ? { resume: sessionId } : { sessionId }),
        ...(start.model ? { model: start.model } : {}),
        ...permissions,
        canUseTool: this.approvals.canUseTool,
        includePartialMessages: true,
        ...(this.options.settingSources ? { settingSources: this.options.settingSources } : {}),
        ...(this.options.executablePath ? { pathToClaudeCodeExecutable: this.options.executablePath } : {}),
        spawnClaudeCodeProcess: (spawnOptions) => {
          const child = spawn(spawnOptions.command, spawnOptions.args, {
            cwd: spawnOptions.cwd,
            env: spawnOptions.env,
            stdio: ['pipe', 'pipe', 'pipe'],
            signal: spawnOptions.signal,
          });
          child.stderr?.on('data', (chunk: Buffer) => this.stderr(chunk.toString('utf8')));
          // Node reports the SDK's abort (its forced close) as an error event; the exit says the rest.
          child.on('error', (error) => log.debug('Claude Code process error', error));
          this.child = child;
          return child;
        },
      },
    });
    this.pump = this.read(this.run);
    try {
      await within(
        this.run.initializationResult(),
        START_TIMEOUT_MS,
        `it did not answer within ${START_TIMEOUT_MS / 1000} s`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dispose();
      throw new SkeinError(
        'INVALID_STATE',
        start.resumeSessionId
          ? `Claude Code could not resume its session ${start.resumeSessionId}: ${reason}`
          : `Claude Code did not start: ${reason}`,
      );
    }
    this.session = sessionId;
    this.reporter.setStatus('idle', null);
    return { sessionId };
  }

  async sendMessage(text: string): Promise<{ backendTurnId: string }> {
    const input = this.ready();
    if (this.turns.active) {
      throw new SkeinError(
        'INVALID_STATE',
        'Claude Code is working on a turn; steer it or interrupt it first.',
      );
    }
    const uuid = randomUUID();
    this.turnStarted(uuid);
    input.push(userMessage(text, uuid));
    return { backendTurnId: uuid };
  }

  async steer(text: string): Promise<void> {
    const input = this.ready();
    if (!this.turns.active)
      throw new SkeinError(
        'INVALID_STATE',
        'Claude Code has no running turn to steer; send a message instead.',
      );
    const uuid = randomUUID();
    this.turns.steer(uuid);
    input.push(userMessage(text, uuid));
  }

  async interrupt(): Promise<void> {
    const turn = this.turns.active;
    if (!turn || !this.run) return;
    turn.interrupting = true;
    const ended = new Promise<void>((resolve) => this.turnEnded.set(turn.id, resolve));
    this.approvals?.abortTurn(turn.id);
    try {
      await this.run.interrupt();
    } catch (error) {
      log.debug(`Claude Code refused the interrupt of ${turn.id}`, error);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      ended.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), INTERRUPT_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (late && this.turns.active === turn) {
      this.turnFinished('interrupted', 'Claude Code did not confirm the interrupt; the turn was ended here.');
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.approvals?.abortAll();
    if (this.turns.active) this.turnFinished('interrupted', 'The Claude Code backend was stopped.');
    // Ending the input lets Claude Code save the session and exit; close() then kills what is left.
    this.input?.end();
    await stopChild(this.child, () => this.run?.close());
    await this.pump?.catch(() => undefined);
    this.reporter.setStatus('exited', null);
  }

  private ready(): ClaudeInput {
    if (!this.input || !this.session || this.reporter.status === 'exited') {
      throw new SkeinError('INVALID_STATE', 'Claude Code is not running for this thread; start it again.');
    }
    return this.input;
  }

  private async read(run: Query): Promise<void> {
    try {
      for await (const message of run) this.handle(message);
      this.exited(this.disposed ? null : 'Claude Code ended the session.');
    } catch (error) {
      this.exited(this.disposed ? null : error instanceof Error ? error.message : String(error));
    }
  }

  private handle(message: ClaudeMessage): void {
    if (message.type === 'command_lifecycle') {
      const { command_uuid: uuid, state } = message as CommandLifecycleMessage;
      const change = this.turns.lifecycle(uuid, state);
      if (change === 'orphan') this.turnStarted(uuid);
      if (change === 'done') this.finishWithResult();
      return;
    }
    if (message.type === 'result') {
      if (this.turns.result(message as ResultMessage)) this.finishWithResult();
      return;
    }
    const turn = this.turns.active;
    const mapper = this.mapper;
    if (!turn || !mapper) return;
    switch (message.type) {
      case 'stream_event':
        return mapper.partial(turn.id, message as Parameters<ClaudeEventMapper['partial']>[1]);
      case 'assistant':
        return mapper.assistant(turn.id, message as Parameters<ClaudeEventMapper['assistant']>[1]);
      case 'user':
        return mapper.user(turn.id, message as Parameters<ClaudeEventMapper['user']>[1]);
      case 'system': {
        const system = message as { subtype?: unknown; uuid?: unknown; error?: unknown; attempt?: unknown };
        if (system.subtype === 'compact_boundary') mapper.compaction(turn.id, String(system.uuid));
        if (system.subtype === 'api_retry')
          this.reporter.setStatus(
            this.reporter.status,
            `Claude Code is retrying (attempt ${String(system.attempt)}): ${String(system.error)}`,
          );
        return;
      }
      default:
        return;
    }
  }

  private finishWithResult(): void {
    const turn = this.turns.active;
    if (!turn?.lastResult) return;
    const { outcome, error } = resultOutcome(turn.lastResult, turn.interrupting);
    this.turnFinished(outcome, error);
  }

  private turnStarted(uuid: string): void {
    this.turns.begin(uuid);
    this.reporter.emit({ type: 'turn/started', backendTurnId: uuid });
    this.reporter.setStatus('working', null);
  }

  private turnFinished(outcome: 'completed' | 'interrupted' | 'failed', error: string | null): void {
    const turn = this.turns.finish();
    if (!turn) return;
    this.approvals?.abortTurn(turn.id);
    this.mapper?.endTurn();
    const costUsd = turn.lastResult ? turn.costUsd : null;
    this.reporter.emit({ type: 'turn/completed', backendTurnId: turn.id, outcome, error, costUsd });
    this.turnEnded.get(turn.id)?.();
    this.turnEnded.delete(turn.id);
    this.reporter.setStatus('idle', null);
  }

  private stderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-2_000);
    log.debug(text.trimEnd());
  }

  private exited(detail: string | null): void {
    const why =
      detail && this.stderrTail.trim() ? `${detail} (${this.stderrTail.trim().split('\n').at(-1)})` : detail;
    if (this.turns.active) this.turnFinished('failed', why ?? 'Claude Code stopped during the turn.');
    this.reporter.exited(why);
  }
}
