import type { Migration } from '../migration';

/**
 * Per-turn snapshots: the commit of the thread's worktree (uncommitted work included) when a turn
 * started and when it ended, each also kept reachable by a ref `refs/skein/turns/<thread>/<seq>/…`.
 * The review's per-turn diff is the diff between the two. Also the words a user gave with an
 * approval answer (a decline's reason), which the model is told when the paused run resumes, even
 * after a restart.
 */
export const migration004: Migration = {
  version: 4,
  name: 'turn snapshots, approval answer messages',
  sql: `
    ALTER TABLE turns ADD COLUMN snapshot_before TEXT;
    ALTER TABLE turns ADD COLUMN snapshot_after TEXT;
    ALTER TABLE approvals ADD COLUMN answer_message TEXT;
  `,
};
