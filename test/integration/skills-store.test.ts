import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentSchemaVersion, openDatabase } from '../../src-main/core/store';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('store migration 006 (skill settings)', () => {
  it('migrates a version-5 database forward; thread settings go when the thread is deleted', () => {
    const file = join(dirs.make('skein-skills-store-'), 'skein.db');
    const old = openDatabase(file, { targetVersion: 5 });
    old
      .prepare(
        `INSERT INTO projects (id, path, name, default_base, created_at) VALUES ('p1', '/repo', 'repo', 'main', 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
         VALUES ('t1', 'p1', 'Fix', 'fix', 'skein/fix', 'main', 'abc', '/wt', 'ready', 1, 1)`,
      )
      .run();
    expect(() => old.prepare('SELECT * FROM skill_project_settings').all()).toThrow(/no such table/);
    old.close();

    const db = openDatabase(file);
    try {
      expect(currentSchemaVersion(db)).toBeGreaterThanOrEqual(6);
      db.prepare(`INSERT INTO skill_project_settings VALUES ('p1', 'notes', 0, 1)`).run();
      db.prepare(`INSERT INTO skill_thread_settings VALUES ('t1', 'notes', 1, 1)`).run();
      expect(() =>
        db.prepare(`INSERT INTO skill_thread_settings VALUES ('nope', 'notes', 1, 1)`).run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare(`INSERT INTO skill_project_settings VALUES ('p1', 'x', 2, 1)`).run()).toThrow(
        /CHECK/,
      );
      db.prepare(`UPDATE threads SET deleted_at = 2 WHERE id = 't1'`).run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM skill_thread_settings').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM skill_project_settings').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
