import type {
  AgentInputItem,
  Runner,
  RunState,
  RunToolApprovalItem,
  StreamedRunResult,
} from '@openai/agents';
import { isSkeinError, type SkeinError, type Thread, type Turn } from '../../../../src-shared/contract';
import { suggestPrefix, type ApprovalService } from '../../approvals';
import type { Publisher } from '../../events';
import { createLogger } from '../../log';
import { mentionedSkills, messageWithSkills, skillUses } from '../../skills';
import { createCompactor, type CompactionState, type Compactor } from '../context/compaction';
import type { SkeinAgent, TurnSetup } from './agent-setup';
import type { ConversationRows } from './conversation-rows';
import { closeDanglingCalls, userInput } from './history';
import { recordStreamEvent } from './stream-events';
import type { ThreadStatusWriter } from './thread-status';
import type { TurnEnd } from './turn-end-store';
import type { TurnRecorder } from './turn-recorder';
import type { TurnRows } from './turn-rows';
import type { TurnSnapshots } from './turn-snapshots';

const log = createLogger('agents');

/** Model calls one turn may make before it stops; a runaway loop costs money, a real task rarely needs more. */
export const MAX_MODEL_CALLS_PER_TURN = 300;
/** How long after a step the conversation is checkpointed, so a crash loses at most this much. */
const CHECKPOINT_DELAY_MS = 150;

export const CRASH_RESULT =
  'The turn was cut off before this tool call returned; its effect is unknown. Check before repeating it.';
const INTERRUPT_RESULT =
  'The user interrupted the turn before this tool call returned; its effect is unknown.';
const UNANSWERED_RESULT = "This call waited for the user's approval and did not run.";

/** Skein's resume data stored next to the SDK's run state while a turn waits for approval. */
export interface RuntimeResumeData {
  compaction: CompactionState | null;
  steers: string[];
}

export interface SessionDeps {
  runner: Runner;
  turns: TurnRows;
  conversations: ConversationRows;
  approvals: ApprovalService;
  publisher: Publisher;
  setThreadStatus: ThreadStatusWriter;
  snapshots: TurnSnapshots;
  /** True once the host is shutting down: nothing more may be written (a crash, as far as the turn can tell). */
  disposed(): boolean;
  /** The sentence for a write the data folder refused, or null for any other error. */
  storeFailure(error: unknown): SkeinError | null;
  /** Stores a turn's end, or keeps it until the data folder takes writes again. */
  saveEnd(end: TurnEnd): void;
  /** Called when a paused turn finds all its approvals answered already. */
  resumeLater(turnId: string): void;
  /** The session stops being the thread's running turn (before anyone hears the turn ended). */
  release(session: TurnSession): void;
}

type Outcome = { next: AgentInputItem[] } | null;

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number'
      ? `The model provider answered ${status}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/** One turn of a thread's agent while it runs: the SDK run (in rounds), steering, interrupting, pausing. */
export class TurnSession {
  readonly abort = new AbortController();
  private stream: StreamedRunResult<unknown, SkeinAgent> | null = null;
  private compactor: Compactor | null = null;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private readonly deferredSteers: string[];
  /** Why the data folder refused one of this turn's writes; the turn stops with it. */
  private refused: SkeinError | null = null;
  /** Why the host ended the turn when the user did not (its folder was deleted); the turn ends with it. */
  private interruptReason: string | null = null;

  constructor(
    readonly thread: Thread,
    readonly recorder: TurnRecorder,
    private readonly setup: TurnSetup,
    private readonly deps: SessionDeps,
    private readonly options: { contextWindow: number; steers: string[] },
  ) {
    this.deferredSteers = [...options.steers];
  }

  get turn(): Turn {
    return this.recorder.turn;
  }

  /** Runs until the turn ends or pauses for an approval; never throws. */
  async run(
    input: AgentInputItem[] | RunState<unknown, SkeinAgent>,
    compaction: CompactionState | null,
  ): Promise<void> {
    let next: AgentInputItem[] | RunState<unknown, SkeinAgent> = input;
    let initial = compaction;
    for (;;) {
      let outcome: Outcome;
      try {
        outcome = await this.round(next, initial);
      } catch (error) {
        // A write after the model stream (history, pause, the end of the turn) was refused.
        const failure = this.deps.storeFailure(error);
        if (!failure || this.deps.disposed()) throw error;
        this.stopForStore(failure);
        await this.storeRefused(null);
        return;
      }
      if (!outcome) return;
      next = outcome.next;
      initial = null;
    }
  }

  /**
   * The data folder refused one of this turn's writes (read-only, full): the turn stops as if
   * interrupted (model stream and tools aborted) and ends failed with the sentence saying why.
   */
  stopForStore(failure: SkeinError): void {
    if (this.refused) return;
    this.refused = failure;
    this.abort.abort();
  }

  /** A user message for the running turn: given to the SDK for its next model call, or kept until it can be. */
  steer(text: string): void {
    this.recorder.userMessage(text, true, skillUses(mentionedSkills(text, this.setup.skills)));
    this.deferredSteers.push(text);
    this.flushSteers();
  }

  /** What the model reads for a steer: `$skill` mentions bring their SKILL.md, as in a turn's first message. */
  private steerInput(text: string): string {
    return messageWithSkills(text, mentionedSkills(text, this.setup.skills));
  }

  private flushSteers(): void {
    const state = this.stream?.state;
    while (state && this.deferredSteers.length > 0) {
      try {
        state.addInput(this.steerInput(this.deferredSteers[0] as string));
      } catch {
        // Not at a step boundary yet (the first model call is still streaming): try at the next event.
        return;
      }
      this.deferredSteers.shift();
    }
  }

  private async round(
    input: AgentInputItem[] | RunState<unknown, SkeinAgent>,
    initial: CompactionState | null,
  ): Promise<Outcome> {
    const compactor = this.createCompactor(initial);
    let stream: StreamedRunResult<unknown, SkeinAgent> | null = null;
    try {
      stream = await this.deps.runner.run(this.setup.agent, input, {
        stream: true,
        signal: this.abort.signal,
        maxTurns: MAX_MODEL_CALLS_PER_TURN,
      });
      this.stream = stream;
      this.flushSteers();
      const handlers = {
        approvalRequested: (item: RunToolApprovalItem) => this.requestApproval(item),
        stepFinished: () => this.scheduleCheckpoint(),
      };
      for await (const event of stream) {
        if (this.deps.disposed()) break;
        recordStreamEvent(event, this.recorder, handlers);
        if (this.deferredSteers.length > 0) this.flushSteers();
      }
      await stream.completed;
      if (stream.error && !this.abort.signal.aborted) {
        await this.fail(stream.error, stream);
        return null;
      }
    } catch (error) {
      const failure = this.deps.storeFailure(error);
      if (failure) this.stopForStore(failure);
      else if (!this.abort.signal.aborted) {
        await this.fail(error, stream);
        return null;
      }
    } finally {
      this.stream = null;
      this.clearCheckpoint();
    }
    if (this.deps.disposed()) return null;
    if (this.refused) {
      await this.storeRefused(stream);
      return null;
    }
    if (this.abort.signal.aborted || !stream) {
      await this.interrupted(stream);
      return null;
    }
    if (stream.interruptions.length > 0) {
      this.pause(stream);
      return null;
    }
    const pending = [
      ...stream.state.pendingInput,
      ...this.deferredSteers.splice(0).map((text) => userInput(this.steerInput(text))),
    ];
    const history = compactor.apply(stream.history);
    this.deps.conversations.put(this.thread.id, history);
    if (pending.length > 0) return { next: [...history, ...pending] };
    await this.snapshotAfter();
    // A steer that came in while the snapshot was taken still belongs to this turn: run on with it.
    const late = this.deferredSteers.splice(0).map((text) => userInput(this.steerInput(text)));
    if (late.length > 0 && !this.abort.signal.aborted) return { next: [...history, ...late] };
    this.end('completed', null, 'done', null);
    return null;
  }

  private createCompactor(initial: CompactionState | null): Compactor {
    let item: ReturnType<TurnRecorder['compactionStarted']> | null = null;
    this.compactor = createCompactor({
      model: this.setup.model,
      contextWindow: this.options.contextWindow,
      initial,
      signal: this.abort.signal,
      events: {
        started: () => {
          item = this.recorder.compactionStarted();
        },
        finished: (summary, replacedItems, usage) => {
          if (!item) return;
          this.recorder.extraUsage(item, { ...usage, cachedTokens: 0, reasoningTokens: 0 });
          this.recorder.complete(item, { summary, replacedItems }, 'completed');
        },
        failed: (error) => {
          log.warn(`Compaction failed in thread ${this.thread.id}`, error);
          if (item)
            this.recorder.complete(item, { summary: `Compaction failed: ${describeError(error)}` }, 'failed');
        },
      },
    });
    this.setup.compacting.compactor = this.compactor;
    return this.compactor;
  }

  private requestApproval(approvalItem: RunToolApprovalItem): void {
    const raw = approvalItem.rawItem as { type?: string; callId?: string; name?: string; arguments?: string };
    if (raw.type !== 'function_call' || !raw.callId) return;
    const callId = raw.callId;
    if (this.deps.approvals.ofTurn(this.turn.id).some((a) => a.callId === callId && a.status === 'pending'))
      return;
    const name = raw.name ?? approvalItem.name ?? 'tool';
    const mcpKey = this.setup.mcpKeys.get(name) ?? null;
    const argumentsJson = raw.arguments ?? '{}';
    const item = this.recorder.forCall(callId, name, argumentsJson);
    let args: Record<string, unknown> = {};
    try {
      args = JSON.parse(argumentsJson) as Record<string, unknown>;
    } catch {
      // Shown to the user raw.
    }
    const command = name === 'shell' && typeof args.command === 'string' ? args.command : null;
    const verdict = this.setup.tools.verdicts.get(callId);
    this.deps.approvals.request({
      threadId: this.thread.id,
      turnId: this.turn.id,
      itemId: item.id,
      callId,
      kind: name === 'shell' ? 'command' : name === 'apply_patch' ? 'patch' : 'tool',
      tool: mcpKey ?? name,
      command,
      patch: name === 'apply_patch' && typeof args.patch === 'string' ? args.patch : null,
      arguments: argumentsJson,
      cwd: this.setup.tools.worktree,
      reason: typeof args.justification === 'string' ? args.justification : null,
      policyReason:
        verdict && verdict.action === 'ask'
          ? verdict.reason
          : 'The approval policy asks before this tool runs.',
      suggestedPrefix: mcpKey ? [mcpKey] : command ? suggestPrefix(command) : null,
    });
  }

  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      const state = this.stream?.state;
      if (!state || !this.compactor || this.deps.disposed()) return;
      try {
        this.deps.conversations.put(
          this.thread.id,
          closeDanglingCalls(this.compactor.apply(state.history), CRASH_RESULT),
        );
      } catch (error) {
        const failure = this.deps.storeFailure(error);
        if (!failure) throw error;
        this.stopForStore(failure);
      }
    }, CHECKPOINT_DELAY_MS);
  }

  private clearCheckpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
  }

  private saveHistory(stream: StreamedRunResult<unknown, SkeinAgent> | null, reason: string): void {
    if (!stream || !this.compactor) return;
    this.deps.conversations.put(
      this.thread.id,
      closeDanglingCalls(this.compactor.apply(stream.state.history), reason),
    );
  }

  private pause(stream: StreamedRunResult<unknown, SkeinAgent>): void {
    const runtime: RuntimeResumeData = {
      compaction: this.compactor?.state ?? null,
      steers: this.deferredSteers.splice(0),
    };
    this.deps.turns.saveResumeData(this.turn.id, {
      runState: stream.state.toString(),
      runtimeJson: JSON.stringify(runtime),
    });
    this.saveHistory(stream, UNANSWERED_RESULT);
    this.recorder.pause();
    this.deps.release(this);
    this.deps.setThreadStatus(this.thread.id, 'waiting_approval', 'Waiting for your approval.');
    // Answers that came in while the run was still winding down resume it now.
    if (!this.deps.approvals.ofTurn(this.turn.id).some((approval) => approval.status === 'pending')) {
      this.deps.resumeLater(this.turn.id);
    }
  }

  /** Interrupts the turn with the sentence saying why: its error and the thread's detail. */
  interruptWith(reason: string): void {
    this.interruptReason ??= reason;
    this.abort.abort();
  }

  private async interrupted(stream: StreamedRunResult<unknown, SkeinAgent> | null): Promise<void> {
    this.saveHistory(stream, INTERRUPT_RESULT);
    this.deps.approvals.abortTurn(this.turn.id);
    const reason = this.interruptReason;
    if (reason) this.recorder.error(reason);
    await this.snapshotAfter();
    this.end('interrupted', reason, 'done', reason ?? 'The turn was interrupted.');
  }

  /**
   * Ends a turn the data folder stopped. Its writes here may be refused too: the end is kept and
   * stored once the folder takes writes again, and clients hear it now.
   */
  private async storeRefused(stream: StreamedRunResult<unknown, SkeinAgent> | null): Promise<void> {
    const message = (this.refused as SkeinError).message;
    log.warn(`Turn ${this.turn.id} of thread ${this.thread.id} stopped: ${message}`);
    // The SDK winds down its aborted tools before the worktree is snapshot.
    await stream?.completed.catch(() => undefined);
    let conversation: AgentInputItem[] | undefined;
    if (stream && this.compactor) {
      conversation = closeDanglingCalls(this.compactor.apply(stream.state.history), CRASH_RESULT);
    }
    this.storeOrDrop(() => this.deps.approvals.abortTurn(this.turn.id));
    this.recorder.error(message);
    await this.snapshotAfter();
    this.end('failed', message, 'error', message, conversation);
  }

  /** A write whose refusal is already this turn's failure: it is not retried (approvals end with the turn). */
  private storeOrDrop(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (!this.deps.storeFailure(error)) throw error;
    }
  }

  private async fail(error: unknown, stream: StreamedRunResult<unknown, SkeinAgent> | null): Promise<void> {
    if (this.deps.disposed()) return;
    const refused = this.deps.storeFailure(error);
    if (refused) {
      this.stopForStore(refused);
      return this.storeRefused(stream);
    }
    if (isSkeinError(error) && error.kind === 'BUDGET_REACHED')
      return this.budgetPause(error.message, stream);
    // A provider or a tool may echo a key it was given: the turn's error, its item and the thread's detail all take this text.
    const message = this.setup.tools.scrub.text(describeError(error));
    log.warn(`Turn ${this.turn.id} of thread ${this.thread.id} failed`, error);
    this.saveHistory(stream, CRASH_RESULT);
    this.deps.approvals.abortTurn(this.turn.id);
    this.recorder.error(message);
    await this.snapshotAfter();
    this.end('failed', message, 'error', message);
  }

  /**
   * A budget stopped the next model call: the turn ends interrupted (not failed), so `turn/continue`
   * picks it up where it stopped once the budget is raised.
   */
  private async budgetPause(
    message: string,
    stream: StreamedRunResult<unknown, SkeinAgent> | null,
  ): Promise<void> {
    this.saveHistory(stream, INTERRUPT_RESULT);
    this.deps.approvals.abortTurn(this.turn.id);
    this.recorder.error(message);
    await this.snapshotAfter();
    this.end('interrupted', message, 'done', message);
  }

  /**
   * The "after" snapshot, taken once the model stream is over and before anyone hears the turn
   * ended, so `turn/completed` carries it. The "before" one settles first (its tools waited on it).
   */
  private async snapshotAfter(): Promise<void> {
    await this.setup.tools.beforeSnapshot;
    await this.deps.snapshots.settleBefore(this.turn);
    await this.deps.snapshots.take(this.turn, this.setup.tools.worktree, 'after');
  }

  private end(
    status: 'completed' | 'interrupted' | 'failed',
    error: string | null,
    threadStatus: 'done' | 'error',
    detail: string | null,
    conversation?: AgentInputItem[],
  ): void {
    const turn = this.recorder.close(status, error);
    this.deps.release(this);
    this.deps.saveEnd({ turn, threadStatus, detail, conversation });
    this.deps.publisher.publish('turn/completed', { turn });
    this.deps.publisher.publish('review/changed', { threadId: this.thread.id });
  }
}
