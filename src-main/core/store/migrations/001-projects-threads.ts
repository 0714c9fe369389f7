import type { Migration } from '../migration';

export const migration001: Migration = {
  version: 1,
  name: 'projects and threads',
  sql: `
    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      default_base TEXT NOT NULL,
      settings_json TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL
    );

    CREATE TABLE threads (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
      title TEXT NOT NULL,
      slug TEXT NOT NULL,
      branch TEXT NOT NULL,
      base TEXT NOT NULL,
      base_commit TEXT NOT NULL,
      worktree_path TEXT NOT NULL,
      backend TEXT NOT NULL DEFAULT 'none',
      status TEXT NOT NULL,
      status_detail TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      archived_at INTEGER,
      deleted_at INTEGER
    );
    CREATE INDEX threads_by_project ON threads(project_id, created_at);
    -- Deleted threads keep their row (their history stays readable); live ones own their branch name.
    CREATE UNIQUE INDEX threads_live_branch ON threads(project_id, branch) WHERE deleted_at IS NULL;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    );
  `,
};
