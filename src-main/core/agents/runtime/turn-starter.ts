import { randomUUID } from 'node:crypto';
import type { AgentInputItem } from '@openai/agents';
import { SkeinError, type ProviderKind, type Thread, type Turn } from '../../../../src-shared/contract';
import { mentionedSkills, messageWithSkills, skillUses } from '../../skills';
import { buildTurnSetup } from './agent-setup';
import type { AgentRuntime } from './agent-runtime';
import { closeDanglingCalls, userInput } from './history';
import type { PausedTurns } from './paused-turns';
import { CRASH_RESULT, TurnSession } from './turn-session';

const CONTINUE_MESSAGE = 'Continue the task from where you stopped. The previous turn was cut off.';

/** Threads an agent cannot work in (no worktree yet, or none any more). */
export const NOT_RUNNABLE: ReadonlySet<Thread['status']> = new Set([
  'creating',
  'setting_up',
  'setup_failed',
  'archived',
  'missing',
]);

type Overrides = { provider?: ProviderKind; model?: string };

/** Starting turns: a new one from a user message, or one that continues a turn that was cut off. */
export function createTurnStarter(runtime: AgentRuntime, paused: PausedTurns) {
  const { deps, turns, settings } = runtime;
  /** Threads whose turn is being set up (between the checks and the session existing). */
  const starting = new Set<string>();

  const runnableThread = (threadId: string): Thread => {
    const thread = deps.threads.get(threadId);
    if (NOT_RUNNABLE.has(thread.status) || thread.archivedAt !== null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" is ${thread.status.replace('_', ' ')}; an agent can only work in a ready thread.`,
        { threadId, status: thread.status },
      );
    }
    if (runtime.sessions.has(threadId) || starting.has(threadId) || paused.waitingTurn(threadId)) {
      throw new SkeinError(
        'INVALID_STATE',
        `A turn is already running in "${thread.title}"; steer it, answer its approval, or interrupt it first.`,
        { threadId },
      );
    }
    deps.budgets?.assertCanRun(threadId);
    // What an earlier turn could not store goes first; while the data folder still refuses it, so would this turn.
    const refused = runtime.unsaved.retry();
    if (refused) throw refused;
    return thread;
  };

  /** Creates the turn and its first item, then runs it in the background. */
  const begin = async (
    thread: Thread,
    message: string,
    overrides: Overrides,
    history: AgentInputItem[],
    continuesTurnId: string | null,
  ): Promise<Turn> => {
    const effective = settings.effective({ threadId: thread.id }, overrides);
    const turn = turns.insert({
      id: randomUUID(),
      threadId: thread.id,
      provider: effective.provider,
      model: effective.model,
      continuesTurnId,
    });
    const recorder = runtime.recorderFor(turn, thread.worktreePath);
    let setup;
    try {
      setup = await buildTurnSetup(runtime.setupDeps, thread, effective, recorder);
    } catch (error) {
      // Nothing ran: the turn row goes away so the transcript does not show a turn that never was.
      turns.remove(turn.id);
      throw error;
    }
    try {
      // Taken while the first model call streams; tools that change files wait for it.
      const before = runtime.snapshots.take(turn, thread.worktreePath, 'before');
      setup.tools.beforeSnapshot = before;
      runtime.track(before);
      const used = mentionedSkills(message, setup.skills);
      recorder.userMessage(message, false, skillUses(used));
      for (const failure of setup.mcpFailures) {
        recorder.error(`The MCP server "${failure.name}" is not available in this turn: ${failure.message}`);
      }
      const input = [...history, userInput(messageWithSkills(message, used))];
      runtime.conversations.put(thread.id, input);
      runtime.setThreadStatus(thread.id, 'working');
      deps.publisher.publish('turn/started', { turn: { ...turn } });
      const session = new TurnSession(thread, recorder, setup, runtime.sessionDeps, {
        contextWindow: effective.contextWindow,
        steers: [],
      });
      runtime.launch(session, input, null);
    } catch (error) {
      // Not launched: no session will release the MCP servers the setup acquired.
      runtime.mcp.release(thread.id);
      // The data folder refused a write before the turn ran: it ends failed (stored once the folder takes writes), never left running.
      const refused = deps.storeFailure?.(error) ?? null;
      if (refused) {
        const ended = recorder.close('failed', refused.message);
        runtime.unsaved.save({ turn: ended, threadStatus: 'error', detail: refused.message });
      }
      throw error;
    }
    return { ...turn };
  };

  const guarded = async (
    thread: Thread,
    ...rest: [string, Overrides, AgentInputItem[], string | null]
  ): Promise<Turn> => {
    starting.add(thread.id);
    try {
      return await begin(thread, ...rest);
    } finally {
      starting.delete(thread.id);
    }
  };

  return {
    start(threadId: string, message: string, overrides: Overrides): Promise<Turn> {
      const thread = runnableThread(threadId);
      return guarded(thread, message, overrides, runtime.conversations.get(threadId), null);
    },

    continue(threadId: string, message: string | undefined): Promise<Turn> {
      const thread = runnableThread(threadId);
      const last = turns.last(threadId);
      if (!last || (last.status !== 'interrupted' && last.status !== 'failed')) {
        throw new SkeinError(
          'INVALID_STATE',
          'The last turn of this thread was not cut off; start a new turn instead.',
          { threadId },
        );
      }
      const history = closeDanglingCalls(runtime.conversations.get(threadId), CRASH_RESULT);
      return guarded(
        thread,
        message ?? CONTINUE_MESSAGE,
        { provider: last.provider, model: last.model },
        history,
        last.id,
      );
    },
  };
}
