import type { Migration } from '../migration';

/**
 * Which agent works in a thread (the `backend` column existed since 001 as 'none', never used) and
 * that agent's own conversation id (Codex's thread id, Claude's session id), so a thread picks up
 * its conversation after a host restart. The column's old default stays; rows read anything but a
 * known backend as 'builtin'.
 */
export const migration008: Migration = {
  version: 8,
  name: 'thread backends',
  sql: `
    ALTER TABLE threads ADD COLUMN backend_session_id TEXT;
    UPDATE threads SET backend = 'builtin' WHERE backend NOT IN ('builtin', 'codex', 'claude');
  `,
};
