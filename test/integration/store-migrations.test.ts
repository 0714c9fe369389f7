import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, currentSchemaVersion, openDatabase } from '../../src-main/core/store';

const dirs: string[] = [];
function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-store-'));
  dirs.push(dir);
  return join(dir, 'skein.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const latest = Math.max(...MIGRATIONS.map((m) => m.version));

describe('store', () => {
  it('creates a fresh database at the latest schema with WAL and foreign keys', () => {
    const db = openDatabase(tempDbFile());
    try {
      expect(currentSchemaVersion(db)).toBe(latest);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('migrates a version-1 database forward keeping its rows', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { targetVersion: 1 });
    expect(currentSchemaVersion(old)).toBe(1);
    old
      .prepare(
        `INSERT INTO projects (id, path, name, default_base, settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run('p1', '/repo', 'repo', 'main', '{}', 1);
    old
      .prepare(
        `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
         VALUES ('t1', 'p1', 'Fix it', 'fix-it', 'skein/fix-it', 'main', 'abc', '/wt', 'ready', 1, 1)`,
      )
      .run();
    // Tables of later versions must not exist yet in a version-1 database.
    expect(() => old.prepare('SELECT * FROM terminals').all()).toThrow(/no such table/);
    old.close();

    const db = openDatabase(file);
    try {
      expect(currentSchemaVersion(db)).toBe(latest);
      expect(db.prepare('SELECT title FROM threads WHERE id = ?').get('t1')).toEqual({ title: 'Fix it' });
      db.prepare(
        `INSERT INTO terminals (id, thread_id, title, cwd, cols, rows, status, created_at, updated_at)
         VALUES ('x', 't1', 'Terminal', '/wt', 80, 24, 'running', 1, 1)`,
      ).run();
      expect(db.prepare('SELECT scrollback FROM terminals').get()).toEqual({ scrollback: '' });
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(tempDbFile());
    try {
      expect(() =>
        db
          .prepare(
            `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
             VALUES ('t1', 'missing', 'x', 'x', 'skein/x', 'main', 'abc', '/wt', 'ready', 1, 1)`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer Skein with a clear sentence and leaves it untouched', () => {
    const file = tempDbFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latest + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this Skein knows/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latest + 5);
    check.close();
  });

  it('rolls back a failing migration so the database stays at the last complete version', async () => {
    const file = tempDbFile();
    const db = openDatabase(file, { targetVersion: 1 });
    const { migrate } = await import('../../src-main/core/store');
    const broken = [
      ...MIGRATIONS.filter((m) => m.version === 1),
      { version: 2, name: 'broken', sql: 'CREATE TABLE t (x); SELECT nope FROM missing;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(currentSchemaVersion(db)).toBe(1);
    expect(() => db.prepare('SELECT * FROM t').all()).toThrow(/no such table/);
    db.close();
  });
});
