import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migration';
import { migration001 } from './migrations/001-projects-threads';
import { migration002 } from './migrations/002-terminals-trash-pool';
import { migration003 } from './migrations/003-turns-items-approvals';
import { migration004 } from './migrations/004-turn-snapshots';
import { migration005 } from './migrations/005-review-comments';
import { migration006 } from './migrations/006-skills';
import { migration007 } from './migrations/007-mcp-enabled';
import { migration008 } from './migrations/008-thread-backends';
import { migration009 } from './migrations/009-cli-agent-templates';
import { migration010 } from './migrations/010-trace-spans';
import { migration011 } from './migrations/011-budgets';
import { migration012 } from './migrations/012-attempts';
import { migration013 } from './migrations/013-managers';
import { migration014 } from './migrations/014-review-findings';

export type SqliteDatabase = Database.Database;

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];

export interface OpenDatabaseOptions {
  /** Stop at this schema version (tests that build an old database). */
  targetVersion?: number;
}

/** Opens (creating if needed) the store with WAL and foreign keys, migrated to the latest schema. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS, options.targetVersion);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
