import { createLogger } from '../../log';
import type { AgentRuntime } from './agent-runtime';
import { storeTurnEnd } from './turn-end-store';
import { NOT_RUNNABLE } from './turn-starter';

const log = createLogger('agents');

const CRASH_DETAIL = 'The host stopped in the middle of a turn; continue it to pick up where it stopped.';

/**
 * At start-up: turns a crash cut off are marked interrupted (their open items too) and get their
 * "after" snapshot, the worktree as they left it; threads whose turn waits for approval say so.
 */
export function recoverTurns(runtime: AgentRuntime): void {
  const { turns, deps } = runtime;
  const parts = {
    rows: runtime.writer.rows,
    turns,
    conversations: runtime.conversations,
    setThreadStatus: runtime.setThreadStatus,
  };
  for (const turn of turns.withStatus('running')) {
    turn.status = 'interrupted';
    // A clock set back since the crash (another time zone setting, a dead RTC battery) must not end it before it began.
    turn.completedAt = Math.max(Date.now(), turn.startedAt);
    turn.error = 'The host stopped during this turn.';
    storeTurnEnd(parts, { turn, threadStatus: 'error', detail: CRASH_DETAIL });
    log.warn(`Turn ${turn.id} of thread ${turn.threadId} was cut off by a restart; marked interrupted`);
    runtime.track(
      (async () => {
        const thread = deps.threads.get(turn.threadId);
        if (NOT_RUNNABLE.has(thread.status)) return;
        await runtime.snapshots.take(turn, thread.worktreePath, 'after', 'low');
        if (!runtime.isDisposed()) deps.publisher.publish('review/changed', { threadId: turn.threadId });
      })(),
    );
  }
  for (const turn of turns.withStatus('waiting_approval')) {
    runtime.setThreadStatus(turn.threadId, 'waiting_approval', 'Waiting for your approval.');
  }
}
