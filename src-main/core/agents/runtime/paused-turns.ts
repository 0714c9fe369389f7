import { RunState } from '@openai/agents';
import { SkeinError } from '../../../../src-shared/contract';
import { createLogger } from '../../log';
import { buildTurnSetup } from './agent-setup';
import type { AgentRuntime } from './agent-runtime';
import { TurnSession, type RuntimeResumeData } from './turn-session';

const log = createLogger('agents');

/** What the model is told for a call the user declined. */
function declinedResult(said: string | null | undefined): string {
  return `The user declined this call; it did not run.${said ? ` They said: ${said}` : ''}`;
}

/**
 * Turns that wait for approvals: resumed once every question is answered (even after a restart,
 * from the stored run state), ended without running on (abort, or a resume that failed), and
 * steered while they wait or while they are being resumed.
 */
export function createPausedTurns(runtime: AgentRuntime) {
  const { deps, turns } = runtime;
  /**
   * Steers sent while a paused turn is being rebuilt (its recorder exists, its session not yet):
   * handed to the session once it runs, so they are neither lost nor recorded twice.
   */
  const steersWhileResuming = new Map<string, string[]>();

  /** Ends a turn that waits for approvals without running it again. */
  async function end(turnId: string, status: 'interrupted' | 'failed', error: string | null): Promise<void> {
    const turn = turns.get(turnId);
    if (!turn || turn.status !== 'waiting_approval') return;
    deps.approvals.abortTurn(turnId);
    turns.saveResumeData(turnId, null);
    const thread = deps.threads.get(turn.threadId);
    const recorder = runtime.recorderFor(turn, thread.worktreePath);
    if (error) recorder.error(error);
    await runtime.snapshots.settleBefore(turn);
    await runtime.snapshots.take(turn, thread.worktreePath, 'after');
    const ended = recorder.finish(status, error);
    runtime.setThreadStatus(
      turn.threadId,
      status === 'failed' ? 'error' : 'done',
      error ?? 'The turn was interrupted.',
    );
    deps.publisher.publish('turn/completed', { turn: ended });
    deps.publisher.publish('review/changed', { threadId: turn.threadId });
  }

  /** Picks a paused turn up again once every approval it waits on is answered. */
  async function resume(turnId: string): Promise<void> {
    if (runtime.isDisposed() || runtime.resuming.has(turnId)) return;
    const turn = turns.get(turnId);
    const data = turns.resumeData(turnId);
    if (!turn || turn.status !== 'waiting_approval' || !data) return;
    const answers = deps.approvals.ofTurn(turnId);
    if (answers.some((approval) => approval.status === 'pending')) return;
    runtime.resuming.add(turnId);
    let launched = false;
    try {
      const thread = deps.threads.get(turn.threadId);
      const effective = runtime.settings.effective(
        { threadId: thread.id },
        { provider: turn.provider, model: turn.model },
      );
      const recorder = runtime.recorderFor(turn, thread.worktreePath);
      const setup = await buildTurnSetup(runtime.setupDeps, thread, effective, recorder);
      // A run that paused at once may still be taking its "before" snapshot; its tools wait for it.
      setup.tools.beforeSnapshot = runtime.snapshots.settleBefore(turn);
      const saved = JSON.parse(data.runtimeJson ?? '{}') as Partial<RuntimeResumeData>;
      const state = await RunState.fromString(setup.agent, data.runState);
      for (const interruption of state.getInterruptions()) {
        const callId = (interruption.rawItem as { callId?: string }).callId;
        const answer = answers.filter((approval) => approval.callId === callId).at(-1);
        if (answer?.status === 'approved') {
          state.approve(interruption);
          continue;
        }
        state.reject(interruption, { message: declinedResult(answer?.answerMessage) });
        const item = callId ? recorder.itemForCall(callId) : undefined;
        if (item) recorder.complete(item, {}, 'declined');
      }
      turns.saveResumeData(turnId, null);
      turn.status = 'running';
      turns.save(turn);
      runtime.setThreadStatus(thread.id, 'working');
      deps.publisher.publish('turn/started', { turn: { ...turn } });
      const session = new TurnSession(thread, recorder, setup, runtime.sessionDeps, {
        contextWindow: effective.contextWindow,
        steers: saved.steers ?? [],
      });
      runtime.launch(session, state, saved.compaction ?? null);
      launched = true;
      for (const text of steersWhileResuming.get(turnId) ?? []) session.steer(text);
    } catch (error) {
      log.error(`Could not resume turn ${turnId}`, error);
      // The setup may have acquired MCP servers that no session will release.
      if (!launched) runtime.mcp.release(turn.threadId);
      await end(
        turnId,
        'failed',
        // A setup error (a provider's, an MCP server's) may quote a secret it was given.
        runtime.setupDeps.scrubber.text(
          `The turn could not be resumed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    } finally {
      runtime.resuming.delete(turnId);
      steersWhileResuming.delete(turnId);
    }
  }

  /** A steer for a thread whose turn waits for approvals; the model reads it when the run resumes. */
  function steer(threadId: string, message: string): { turnId: string } {
    const waiting = turns.withStatus('waiting_approval').find((turn) => turn.threadId === threadId);
    if (waiting && runtime.resuming.has(waiting.id)) {
      steersWhileResuming.set(waiting.id, [...(steersWhileResuming.get(waiting.id) ?? []), message]);
      return { turnId: waiting.id };
    }
    const data = waiting ? turns.resumeData(waiting.id) : null;
    if (!waiting || !data) {
      throw new SkeinError(
        'INVALID_STATE',
        'No turn is running in this thread; start one with your message instead.',
        { threadId },
      );
    }
    const saved = JSON.parse(data.runtimeJson ?? '{}') as Partial<RuntimeResumeData>;
    const next: RuntimeResumeData = {
      compaction: saved.compaction ?? null,
      steers: [...(saved.steers ?? []), message],
    };
    turns.saveResumeData(waiting.id, { runState: data.runState, runtimeJson: JSON.stringify(next) });
    runtime.recorderFor(waiting, deps.threads.get(threadId).worktreePath).userMessage(message, true);
    runtime.writer.flush();
    return { turnId: waiting.id };
  }

  /** The turn of `threadId` waiting for approvals, if any. */
  const waitingTurn = (threadId: string) =>
    turns.withStatus('waiting_approval').find((turn) => turn.threadId === threadId) ?? null;

  return { resume, end, steer, waitingTurn };
}

export type PausedTurns = ReturnType<typeof createPausedTurns>;
