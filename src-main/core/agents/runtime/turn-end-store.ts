import type { AgentInputItem } from '@openai/agents';
import type { SkeinError, Thread, ThreadStatus, Turn } from '../../../../src-shared/contract';
import type { Publisher } from '../../events';
import { createLogger } from '../../log';
import type { ThreadService } from '../../threads';
import type { ConversationRows } from './conversation-rows';
import type { ItemRows } from './item-rows';
import type { ItemWriter } from './item-writer';
import type { ThreadStatusWriter } from './thread-status';
import type { TurnRows } from './turn-rows';

const log = createLogger('agents');

/**
 * How often writes the data folder refused are tried again. The user frees space or fixes the
 * folder's permissions by hand, in seconds at best: once a second notices soon enough, and a failing
 * write costs a few hundred microseconds.
 */
export const STORE_RETRY_MS = 1_000;

/** The stored end of a turn: its row, its items still open, and its thread's status. */
export interface TurnEnd {
  turn: Turn;
  threadStatus: ThreadStatus;
  detail: string | null;
  /** The conversation the next turn starts from, when the end has one to store. */
  conversation?: AgentInputItem[];
}

export interface TurnEndParts {
  rows: ItemRows;
  turns: TurnRows;
  conversations: ConversationRows;
  setThreadStatus: ThreadStatusWriter;
}

/**
 * Writes a turn's end; again from the start if it was refused midway (each write sets whole
 * values). Items still open are marked interrupted (start-up recovery and a turn whose end the
 * store refused both need it). The turn's small row goes before its conversation, which on a full
 * disk may need pages the row does not; the thread status goes last, as it announces the thread.
 */
export function storeTurnEnd(parts: TurnEndParts, end: TurnEnd): void {
  parts.rows.interruptOpen(end.turn.id);
  parts.turns.save(end.turn);
  if (end.conversation) parts.conversations.put(end.turn.threadId, end.conversation);
  parts.setThreadStatus(end.turn.threadId, end.threadStatus, end.detail);
}

/**
 * Turn ends the data folder refused (read-only, full), kept here and written once it takes writes
 * again: every STORE_RETRY_MS, and before the runtime reads transcripts or starts a turn. Without
 * this a turn whose end could not be stored would look running until the next start of the host.
 */
export interface UnsavedTurnEnds {
  /** Writes `end` now, or keeps it when the store refuses it for a data-folder reason (any other error throws). */
  save(end: TurnEnd): void;
  /**
   * Writes the queued transcript items and the kept ends; null once all are stored, else why the
   * store still refuses them.
   */
  retry(): SkeinError | null;
  /** Tries `retry` again in a while (the item writer's rows were refused). */
  retryLater(): void;
  /** `turns` with the kept ends in place of their stored rows: what clients were told. */
  overlay(turns: Turn[]): Turn[];
  dispose(): void;
}

export function createUnsavedTurnEnds(deps: {
  parts: TurnEndParts;
  writer: ItemWriter;
  threads: Pick<ThreadService, 'get'>;
  publisher: Publisher;
  /** The data-folder failure `error` stands for, or null for any other error. */
  storeFailure(error: unknown): SkeinError | null;
}): UnsavedTurnEnds {
  const kept = new Map<string, TurnEnd>();
  let timer: NodeJS.Timeout | null = null;
  let disposed = false;

  const schedule = (): void => {
    if (timer || disposed) return;
    timer = setTimeout(() => {
      timer = null;
      retry();
    }, STORE_RETRY_MS);
    timer.unref();
  };

  /** Clients hear the thread's new status even when its row could not take it. */
  const announce = (end: TurnEnd): void => {
    let thread: Thread;
    try {
      thread = deps.threads.get(end.turn.threadId);
    } catch {
      return;
    }
    if (thread.archivedAt !== null) return;
    deps.publisher.publish('thread/updated', {
      thread: { ...thread, status: end.threadStatus, statusDetail: end.detail },
    });
  };

  const retry = (): SkeinError | null => {
    deps.writer.flush();
    let failure = deps.writer.refused;
    for (const [turnId, end] of kept) {
      try {
        storeTurnEnd(deps.parts, end);
        log.info(`Stored the end of turn ${turnId} once the data folder took writes again`);
      } catch (error) {
        const refused = deps.storeFailure(error);
        if (refused) {
          failure ??= refused;
          continue;
        }
        // Not the data folder: trying again will not help.
        log.error(`Could not store the end of turn ${turnId}`, error);
      }
      kept.delete(turnId);
    }
    if (failure) schedule();
    return failure;
  };

  return {
    save(end) {
      try {
        storeTurnEnd(deps.parts, end);
        return;
      } catch (error) {
        if (!deps.storeFailure(error)) throw error;
      }
      kept.set(end.turn.id, end);
      announce(end);
      schedule();
    },
    retryLater: schedule,
    retry,
    overlay: (turns) => turns.map((turn) => kept.get(turn.id)?.turn ?? turn),
    dispose() {
      if (kept.size > 0 || deps.writer.refused) retry();
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (kept.size > 0) {
        log.warn(
          `${kept.size} turn end(s) could not be stored before the host stopped; the next start marks them interrupted`,
        );
      }
    },
  };
}
