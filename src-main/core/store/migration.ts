import type DatabaseConstructor from 'better-sqlite3';

type Database = DatabaseConstructor.Database;

export interface Migration {
  /** Strictly increasing; stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  sql: string;
}

export function currentSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own transaction,
 * so a crash mid-way leaves the database at the last complete version.
 */
export function migrate(db: Database, migrations: readonly Migration[], target?: number): number[] {
  const applied: number[] = [];
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1)?.version ?? 0;
  const current = currentSchemaVersion(db);
  if (current > latest) {
    throw new Error(
      `This database is at schema version ${current}, newer than this Skein knows (${latest}). Update Skein, or point it at another data folder.`,
    );
  }
  for (const migration of sorted) {
    if (migration.version <= current) continue;
    if (target !== undefined && migration.version > target) break;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
