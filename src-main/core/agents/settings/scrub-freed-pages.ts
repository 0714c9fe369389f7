import { createLogger } from '../../log';
import type { SqliteDatabase } from '../../store';

const log = createLogger('agents');

/**
 * After secrets were moved out of rows written in clear, their old bytes may linger in SQLite's
 * free space and in the WAL. VACUUM rebuilds the file without them and the checkpoint empties the
 * WAL. It runs once, when a migration moved something: on a large database it takes a while.
 */
export function scrubFreedPages(db: SqliteDatabase): void {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    log.warn(
      'Could not compact the database after moving secrets out of it; old copies may remain in its free space',
      error,
    );
  }
}
