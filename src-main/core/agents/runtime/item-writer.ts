import { createLogger } from '../../log';
import type { SqliteDatabase } from '../../store';
import { createItemRows, type ItemRecord, type ItemRows } from './item-rows';

const log = createLogger('agents');

/**
 * How long item writes wait to be batched into one transaction. Short enough that a crash loses at
 * most a few frames of transcript; long enough that 16 busy threads write in a handful of commits
 * per frame instead of hundreds (one SQLite commit costs about as much as a hundred row writes).
 */
const FLUSH_DELAY_MS = 8;
/** Flush at once past this many queued rows, so a burst cannot grow the queue without bound. */
const MAX_QUEUED = 256;

export interface ItemWriter {
  readonly rows: ItemRows;
  /** Queues the item's current state; several writes of one item in a frame become one. */
  write(record: ItemRecord): void;
  /** Writes everything queued now (before reads, at turn ends, at shutdown). */
  flush(): void;
  /** Number of rows written so far (benchmarks). */
  readonly written: number;
  dispose(): void;
}

export function createItemWriter(db: SqliteDatabase): ItemWriter {
  const rows = createItemRows(db);
  let queued = new Map<string, ItemRecord>();
  let timer: NodeJS.Timeout | null = null;
  let written = 0;
  let disposed = false;

  const writeBatch = db.transaction((batch: ItemRecord[]) => {
    for (const record of batch) rows.write(record);
  });

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queued.size === 0 || disposed) return;
    const batch = [...queued.values()];
    queued = new Map();
    try {
      writeBatch(batch);
      written += batch.length;
    } catch (error) {
      log.error(`Could not store ${batch.length} transcript item(s)`, error);
    }
  };

  return {
    rows,
    write(record) {
      if (disposed) return;
      // A structured copy: the caller keeps mutating its live item.
      queued.set(record.item.id, { item: { ...record.item }, callId: record.callId });
      if (queued.size >= MAX_QUEUED) flush();
      else timer ??= setTimeout(flush, FLUSH_DELAY_MS);
    },
    flush,
    get written() {
      return written;
    },
    dispose() {
      flush();
      disposed = true;
    },
  };
}
