import { projectSettingsSchema, type Project, type ProjectSettings } from '../../../src-shared/contract';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';

const log = createLogger('projects');

interface ProjectRow {
  id: string;
  path: string;
  name: string;
  default_base: string;
  settings_json: string;
  created_at: number;
}

export function parseSettings(json: string, projectId: string): ProjectSettings {
  try {
    const parsed = projectSettingsSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
    log.warn(`Project ${projectId} has invalid settings; using defaults`, parsed.error.issues);
  } catch (error) {
    log.warn(`Project ${projectId} has unreadable settings; using defaults`, error);
  }
  return projectSettingsSchema.parse({});
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    defaultBase: row.default_base,
    settings: parseSettings(row.settings_json, row.id),
    createdAt: row.created_at,
  };
}

/** The `projects` table, mapped to contract shapes. */
export function createProjectRows(db: SqliteDatabase) {
  const byId = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?');
  const byPath = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE path = ?');
  const all = db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY created_at, name');
  const insert = db.prepare(
    'INSERT INTO projects (id, path, name, default_base, settings_json, created_at) VALUES (@id, @path, @name, @defaultBase, @settings, @createdAt)',
  );
  const update = db.prepare(
    'UPDATE projects SET name = @name, default_base = @defaultBase, settings_json = @settings WHERE id = @id',
  );
  const liveThreads = db.prepare<[string], { count: number }>(
    'SELECT COUNT(*) AS count FROM threads WHERE project_id = ? AND deleted_at IS NULL AND archived_at IS NULL',
  );
  const deleteThreads = db.prepare('DELETE FROM threads WHERE project_id = ?');
  const deleteProject = db.prepare('DELETE FROM projects WHERE id = ?');

  return {
    get: (id: string): Project | null => {
      const row = byId.get(id);
      return row ? toProject(row) : null;
    },
    findByPath: (path: string): Project | null => {
      const row = byPath.get(path);
      return row ? toProject(row) : null;
    },
    list: (): Project[] => all.all().map(toProject),
    insert: (project: Project): void => {
      insert.run({ ...project, settings: JSON.stringify(project.settings) });
    },
    update: (project: Project): void => {
      update.run({
        id: project.id,
        name: project.name,
        defaultBase: project.defaultBase,
        settings: JSON.stringify(project.settings),
      });
    },
    countLiveThreads: (id: string): number => liveThreads.get(id)?.count ?? 0,
    /**
     * Drops the project with its archived and deleted thread rows (their terminals, pool and
     * trash rows cascade). The repository keeps every branch and trash ref.
     */
    delete: db.transaction((id: string): void => {
      deleteThreads.run(id);
      deleteProject.run(id);
    }),
  };
}
