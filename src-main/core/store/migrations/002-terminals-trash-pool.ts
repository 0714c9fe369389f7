import type { Migration } from '../migration';

export const migration002: Migration = {
  version: 2,
  name: 'terminals, trash and the worktree pool',
  sql: `
    CREATE TABLE terminals (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      cwd TEXT NOT NULL,
      cols INTEGER NOT NULL,
      rows INTEGER NOT NULL,
      status TEXT NOT NULL,
      exit_code INTEGER,
      purpose TEXT NOT NULL DEFAULT 'shell',
      -- The serialized screen and scrollback (xterm serialize addon), so it survives a restart.
      scrollback TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX terminals_by_thread ON terminals(thread_id, created_at);

    -- Work that an operation would otherwise have dropped, kept as refs/skein/trash/... commits.
    CREATE TABLE trash (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      thread_id TEXT,
      thread_title TEXT NOT NULL,
      ref TEXT NOT NULL,
      commit_sha TEXT NOT NULL,
      branch TEXT,
      reason TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX trash_by_project ON trash(project_id, created_at);

    -- Pre-created worktrees waiting to become threads.
    CREATE TABLE worktree_pool (
      path TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      base TEXT NOT NULL,
      base_commit TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
  `,
};
