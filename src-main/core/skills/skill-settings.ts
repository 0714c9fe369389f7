import type { Skill } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

type Enabled = Pick<Skill, 'enabled' | 'enabledSource'>;

/** Skills switched on or off per project and per thread, by name; no setting means on. */
export function createSkillSettings(db: SqliteDatabase) {
  const ofProject = db.prepare<[string], { name: string; enabled: number }>(
    'SELECT name, enabled FROM skill_project_settings WHERE project_id = ?',
  );
  const ofThread = db.prepare<[string], { name: string; enabled: number }>(
    'SELECT name, enabled FROM skill_thread_settings WHERE thread_id = ?',
  );
  const putProject = db.prepare(
    `INSERT INTO skill_project_settings (project_id, name, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(project_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const putThread = db.prepare(
    `INSERT INTO skill_thread_settings (thread_id, name, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(thread_id, name) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  const clearProject = db.prepare('DELETE FROM skill_project_settings WHERE project_id = ? AND name = ?');
  const clearThread = db.prepare('DELETE FROM skill_thread_settings WHERE thread_id = ? AND name = ?');

  const toMap = (rows: Array<{ name: string; enabled: number }>) =>
    new Map(rows.map((row) => [row.name, row.enabled === 1]));

  return {
    /** A lookup of each name's state for a project and optionally one of its threads. */
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
    set(target: { projectId: string; threadId?: string }, name: string, enabled: boolean | null): void {
      if (target.threadId) {
        if (enabled === null) clearThread.run(target.threadId, name);
        else putThread.run(target.threadId, name, enabled ? 1 : 0, Date.now());
      } else if (enabled === null) clearProject.run(target.projectId, name);
      else putProject.run(target.projectId, name, enabled ? 1 : 0, Date.now());
    },
  };
}

export type SkillSettings = ReturnType<typeof createSkillSettings>;
