import type { McpServerEntry } from '../../../../src-shared/contract';
import type { SqliteDatabase } from '../../store';
import type { ThreadService } from '../../threads';
import type { McpEnabledFilter } from './types';

type Enabled = Pick<McpServerEntry, 'enabled' | 'enabledSource'>;
type Row = { name: string; enabled: number };

/** MCP servers switched on or off per project and per thread, by name; no switch means on. */
export function createMcpEnabledRows(db: SqliteDatabase) {
  const ofProject = db.prepare<[string], Row>(
    'SELECT name, enabled FROM mcp_project_settings WHERE project_id = ?',
  );
  const ofThread = db.prepare<[string], Row>(
    'SELECT name, enabled FROM mcp_thread_settings WHERE thread_id = ?',
  );
  const putProject = db.prepare(
    `INSERT INTO mcp_project_settings (project_id, name, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(project_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const putThread = db.prepare(
    `INSERT INTO mcp_thread_settings (thread_id, name, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(thread_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const clearProject = db.prepare('DELETE FROM mcp_project_settings WHERE project_id = ? AND name = ?');
  const clearThread = db.prepare('DELETE FROM mcp_thread_settings WHERE thread_id = ? AND name = ?');
  // A renamed server keeps its switches: one switched off must not come back on under its new name.
  const renameEverywhere = [
    db.prepare('UPDATE OR REPLACE mcp_project_settings SET name = ? WHERE name = ?'),
    db.prepare('UPDATE OR REPLACE mcp_thread_settings SET name = ? WHERE name = ?'),
  ];
  const renameInProject = [
    db.prepare('UPDATE OR REPLACE mcp_project_settings SET name = ? WHERE name = ? AND project_id = ?'),
    db.prepare(
      `UPDATE OR REPLACE mcp_thread_settings SET name = ? WHERE name = ?
       AND thread_id IN (SELECT id FROM threads WHERE project_id = ?)`,
    ),
  ];

  const toMap = (rows: Row[]) => new Map(rows.map((row) => [row.name, row.enabled === 1]));

  return {
    /** Each name's state for a project and optionally one of its threads. */
    resolver(projectId: string | null, threadId: string | null): (name: string) => Enabled {
      const project = projectId ? toMap(ofProject.all(projectId)) : new Map<string, boolean>();
      const thread = threadId ? toMap(ofThread.all(threadId)) : new Map<string, boolean>();
      return (name) => {
        const own = thread.get(name);
        if (own !== undefined) return { enabled: own, enabledSource: 'thread' };
        const shared = project.get(name);
        if (shared !== undefined) return { enabled: shared, enabledSource: 'project' };
        return { enabled: true, enabledSource: 'default' };
      };
    },
    set(target: { projectId: string } | { threadId: string }, name: string, enabled: boolean | null): void {
      if ('threadId' in target) {
        if (enabled === null) clearThread.run(target.threadId, name);
        else putThread.run(target.threadId, name, enabled ? 1 : 0, Date.now());
      } else if (enabled === null) clearProject.run(target.projectId, name);
      else putProject.run(target.projectId, name, enabled ? 1 : 0, Date.now());
    },
    /** Moves the switches of `from` to `to`: everywhere for a user server, in one project for its own. */
    rename(from: string, to: string, projectId: string | null): void {
      db.transaction(() => {
        if (projectId === null) for (const statement of renameEverywhere) statement.run(to, from);
        else for (const statement of renameInProject) statement.run(to, from, projectId);
      })();
    },
  };
}

export type McpEnabledRows = ReturnType<typeof createMcpEnabledRows>;

/**
 * The servers a thread's turn gets: the thread's switch beats its project's, which beats the default
 * (on). A thread that cannot be found (removed meanwhile) gets only the servers on by default.
 */
export function createMcpEnabledFilter(
  rows: McpEnabledRows,
  threads: Pick<ThreadService, 'get'>,
): McpEnabledFilter {
  return (threadId, configs) => {
    let projectId: string | null = null;
    try {
      projectId = threads.get(threadId).projectId;
    } catch {
      projectId = null;
    }
    const enabledOf = rows.resolver(projectId, projectId === null ? null : threadId);
    return configs.filter((config) => enabledOf(config.name).enabled);
  };
}
