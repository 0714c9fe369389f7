import { MIGRATIONS, openDatabase } from '../../src-main/core/store';
import { readStore } from './crash-fixtures';

/**
 * A data folder left by an older Skein: the store at schema version 7 (before migration 008 rewrote
 * every thread's backend), with enough archived threads, turns and items that migrating takes a moment.
 * The project's repository does not exist, so start-up reconcile reports it and leaves the rows alone.
 */
export const OLD_SCHEMA_VERSION = 7;
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
/** Sized so that migrating takes a noticeable part of start-up on a 2-core machine (hundreds of ms). */
export const OLD_THREADS = 20_000;
export const ITEMS_PER_THREAD = 3;

export const COUNTED_TABLES = ['projects', 'threads', 'turns', 'items', 'terminals'] as const;
export type RowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export function buildOldStore(file: string): void {
  const db = openDatabase(file, { targetVersion: OLD_SCHEMA_VERSION });
  try {
    const now = Date.now();
    const insertThread = db.prepare(
      `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status,
         created_at, updated_at, archived_at)
       VALUES (?, 'p-old', ?, ?, ?, 'main', ?, ?, 'archived', ?, ?, ?)`,
    );
    const insertTurn = db.prepare(
      `INSERT INTO turns (id, thread_id, seq, status, provider, model, started_at, completed_at)
       VALUES (?, ?, 1, 'completed', 'openai', 'old-model', ?, ?)`,
    );
    const insertItem = db.prepare(
      `INSERT INTO items (id, thread_id, turn_id, seq, kind, status, started_at, completed_at, data_json)
       VALUES (?, ?, ?, ?, 'agent_message', 'completed', ?, ?, ?)`,
    );
    const insertTerminal = db.prepare(
      `INSERT INTO terminals (id, thread_id, title, cwd, cols, rows, status, scrollback, created_at, updated_at)
       VALUES (?, ?, 'shell', '/tmp', 80, 24, 'exited', ?, ?, ?)`,
    );
    db.transaction(() => {
      db.prepare(
        `INSERT INTO projects (id, path, name, default_base, created_at)
         VALUES ('p-old', '/nonexistent/skein-crash-old-repo', 'old', 'main', ?)`,
      ).run(now);
      for (let t = 0; t < OLD_THREADS; t++) {
        const thread = `t-${t}`;
        insertThread.run(
          thread,
          `Old ${t}`,
          `old-${t}`,
          `skein/old-${t}`,
          '0'.repeat(40),
          `/nonexistent/wt-${t}`,
          now,
          now,
          now,
        );
        insertTurn.run(`u-${t}`, thread, now, now);
        for (let i = 0; i < ITEMS_PER_THREAD; i++) {
          insertItem.run(
            `i-${t}-${i}`,
            thread,
            `u-${t}`,
            i + 1,
            now,
            now,
            JSON.stringify({ text: `old answer ${t}.${i}` }),
          );
        }
        if (t % 1_000 === 0) insertTerminal.run(`term-${t}`, thread, `saved screen ${t}\r\n`, now, now);
      }
    })();
    // The old host closed cleanly: its WAL is folded into the file, which is all the test copies.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

export function rowCounts(dataDir: string): RowCounts {
  return readStore(dataDir, (db) => {
    const counts = {} as RowCounts;
    for (const table of COUNTED_TABLES) {
      counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return counts;
  });
}

export function schemaVersion(dataDir: string): number {
  return readStore(dataDir, (db) => db.pragma('user_version', { simple: true }) as number);
}
