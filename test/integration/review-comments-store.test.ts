import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  currentSchemaVersion,
  openDatabase,
  type SqliteDatabase,
} from '../../src-main/core/store';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
const open: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  dirs.cleanup();
});

function database(file: string, targetVersion?: number): SqliteDatabase {
  const db = openDatabase(file, { targetVersion });
  open.push(db);
  return db;
}

function addThread(db: SqliteDatabase, id: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO projects (id, path, name, default_base, settings_json, created_at)
     VALUES ('p1', '/repo', 'repo', 'main', '{}', 1)`,
  ).run();
  db.prepare(
    `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
     VALUES (?, 'p1', 'T', ?, ?, 'main', 'abc', '/wt', 'ready', 1, 1)`,
  ).run(id, id, `skein/${id}`);
}

function addComment(db: SqliteDatabase, id: string, threadId: string, side = 'new'): void {
  db.prepare(
    `INSERT INTO review_comments (id, thread_id, path, side, start_line, end_line, body, quote, status, created_at, updated_at)
     VALUES (?, ?, 'a.ts', ?, 1, 2, 'b', 'q', 'draft', 1, 1)`,
  ).run(id, threadId, side);
}

const commentsOf = (db: SqliteDatabase, threadId: string) =>
  (
    db.prepare('SELECT COUNT(*) AS count FROM review_comments WHERE thread_id = ?').get(threadId) as {
      count: number;
    }
  ).count;

describe('review_comments (migration 5)', () => {
  it('comes after the turn snapshots of migration 4 and migrates a version-4 database forward', () => {
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual(expect.arrayContaining([4, 5]));
    const file = `${dirs.make('skein-review-store-')}/skein.db`;
    const old = openDatabase(file, { targetVersion: 4 });
    try {
      addThread(old, 't1');
      expect(() => addComment(old, 'c0', 't1')).toThrow(/no such table/);
    } finally {
      old.close();
    }

    const db = database(file);
    expect(currentSchemaVersion(db)).toBeGreaterThanOrEqual(5);
    addComment(db, 'c1', 't1');
    expect(commentsOf(db, 't1')).toBe(1);
    expect(db.prepare('SELECT snapshot_before FROM turns').all()).toEqual([]);
  });

  it('refuses rows that break its rules', () => {
    const db = database(`${dirs.make('skein-review-store-')}/skein.db`);
    addThread(db, 't1');
    expect(() => addComment(db, 'c1', 'missing-thread')).toThrow(/FOREIGN KEY/);
    expect(() => addComment(db, 'c2', 't1', 'middle')).toThrow(/CHECK/);
  });

  it('drops a thread’s comments when the thread is deleted, softly or for real, and no others', () => {
    const db = database(`${dirs.make('skein-review-store-')}/skein.db`);
    for (const thread of ['soft', 'hard', 'other']) addThread(db, thread);
    addComment(db, 'c1', 'soft');
    addComment(db, 'c2', 'hard');
    addComment(db, 'c3', 'other');

    db.prepare('UPDATE threads SET title = ? WHERE id = ?').run('Renamed', 'soft');
    expect(commentsOf(db, 'soft')).toBe(1);
    db.prepare('UPDATE threads SET deleted_at = 5 WHERE id = ?').run('soft');
    expect(commentsOf(db, 'soft')).toBe(0);
    db.prepare('DELETE FROM threads WHERE id = ?').run('hard');
    expect(commentsOf(db, 'hard')).toBe(0);
    expect(commentsOf(db, 'other')).toBe(1);
  });
});
