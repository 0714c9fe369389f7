import type { Migration } from '../migration';

/**
 * MCP servers switched on or off by name, for a project and for one thread of it (the thread's
 * setting wins), as skills are (006). No row means the default: on. Thread rows go with the thread
 * (foreign key; threads are soft-deleted, hence the trigger).
 */
export const migration007: Migration = {
  version: 7,
  name: 'mcp server switches',
  sql: `
    CREATE TABLE mcp_project_settings (
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (project_id, name)
    );

    CREATE TABLE mcp_thread_settings (
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (thread_id, name)
    );

    CREATE TRIGGER mcp_settings_of_deleted_thread
      AFTER UPDATE OF deleted_at ON threads
      WHEN NEW.deleted_at IS NOT NULL
    BEGIN
      DELETE FROM mcp_thread_settings WHERE thread_id = NEW.id;
    END;
  `,
};
