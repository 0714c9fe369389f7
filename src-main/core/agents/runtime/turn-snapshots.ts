import type { Turn } from '../../../../src-shared/contract';
import { snapshotWorktree, updateRef, type GitPriority, type GitQueue } from '../../git';
import { createLogger } from '../../log';
import type { TurnRows } from './turn-rows';

const log = createLogger('agents');

export type SnapshotMoment = 'before' | 'after';

/**
 * The ref that keeps a turn's snapshot commit reachable: a commit no ref points at is dropped by
 * `git gc`, and the review diffs a turn long after it ran.
 */
export function turnSnapshotRef(threadId: string, turnSeq: number, moment: SnapshotMoment): string {
  return `refs/skein/turns/${threadId}/${turnSeq}/${moment}`;
}

export interface TurnSnapshots {
  /**
   * Records the worktree as it is now as the turn's `moment` snapshot: a commit (uncommitted and
   * untracked work included; index, HEAD and files untouched), its ref, the turn's column and the
   * in-memory `turn`. Resolves with the commit, or null when it could not be taken (logged; a turn
   * never fails for want of a snapshot). `low` priority is for background catch-up (recovery).
   */
  take(turn: Turn, worktree: string, moment: SnapshotMoment, priority?: GitPriority): Promise<string | null>;
  /**
   * Resolves once the turn's "before" snapshot is no longer being taken, with `turn` (which may be
   * another copy of the row, e.g. a resumed turn's) updated from the store.
   */
  settleBefore(turn: Turn): Promise<void>;
}

export function createTurnSnapshots(deps: { git: GitQueue; turns: TurnRows }): TurnSnapshots {
  /** "Before" snapshots still being taken, by turn id. */
  const pendingBefore = new Map<string, Promise<string | null>>();

  const take = async (
    turn: Turn,
    worktree: string,
    moment: SnapshotMoment,
    priority: GitPriority,
  ): Promise<string | null> => {
    try {
      const snapshot = await snapshotWorktree(deps.git, worktree, {
        message: `Skein: worktree ${moment} turn ${turn.seq}`,
        priority,
      });
      await updateRef(
        deps.git,
        worktree,
        turnSnapshotRef(turn.threadId, turn.seq, moment),
        snapshot.commit,
        undefined,
        { message: `skein: ${moment} turn ${turn.seq}`, priority },
      );
      deps.turns.saveSnapshot(turn.id, moment, snapshot.commit);
      if (moment === 'before') turn.snapshotBefore = snapshot.commit;
      else turn.snapshotAfter = snapshot.commit;
      return snapshot.commit;
    } catch (error) {
      log.warn(
        `Could not snapshot the worktree ${moment} turn ${turn.seq} of thread ${turn.threadId}`,
        error,
      );
      return null;
    }
  };

  return {
    take(turn, worktree, moment, priority = 'normal') {
      const work = take(turn, worktree, moment, priority);
      if (moment === 'before') {
        pendingBefore.set(turn.id, work);
        void work.finally(() => {
          if (pendingBefore.get(turn.id) === work) pendingBefore.delete(turn.id);
        });
      }
      return work;
    },
    async settleBefore(turn) {
      await pendingBefore.get(turn.id);
      turn.snapshotBefore = deps.turns.get(turn.id)?.snapshotBefore ?? turn.snapshotBefore;
    },
  };
}
