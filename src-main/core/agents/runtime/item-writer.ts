import type { SkeinError } from '../../../../src-shared/contract';
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
/**
 * Rows kept while the data folder refuses writes. Turns stop at the first refused write, so only
 * what they wrote until then (and their ends) waits here; the bound only guards against a bug.
 */
const MAX_KEPT = 50_000;

export interface ItemWriterOptions {
  /** The data-folder failure `error` stands for (read-only, full), or null for any other error. */
  storeFailure?(error: unknown): SkeinError | null;
  /** A batch the data folder refused: its rows are kept and written by a later flush. */
  onRefused?(failure: SkeinError, turnIds: ReadonlySet<string>): void;
}

export interface ItemWriter {
  readonly rows: ItemRows;
  /** Queues the item's current state; several writes of one item in a frame become one. */
  write(record: ItemRecord): void;
  /** Writes everything queued now (before reads, at turn ends, at shutdown). */
  flush(): void;
  /** Why the last flush was refused while its rows wait for a later one; null when nothing waits. */
  readonly refused: SkeinError | null;
  /** Number of rows written so far (benchmarks). */
  readonly written: number;
  dispose(): void;
}

export function createItemWriter(db: SqliteDatabase, options: ItemWriterOptions = {}): ItemWriter {
  const rows = createItemRows(db);
  let queued = new Map<string, ItemRecord>();
  let timer: NodeJS.Timeout | null = null;
  let written = 0;
  let disposed = false;
  let refused: SkeinError | null = null;

  const writeBatch = db.transaction((batch: ItemRecord[]) => {
    for (const record of batch) rows.write(record);
  });

  /** Puts a refused batch back under what was queued since (newer states of an item win). */
  const keep = (batch: ItemRecord[]): void => {
    const newer = queued;
    queued = new Map(batch.map((record) => [record.item.id, record]));
    for (const [id, record] of newer) queued.set(id, record);
    if (queued.size > MAX_KEPT) {
      const dropped = queued.size - MAX_KEPT;
      queued = new Map([...queued].slice(dropped));
      log.error(`Dropped ${dropped} transcript item state(s) the data folder kept refusing`);
    }
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queued.size === 0 || disposed) return;
    const batch = [...queued.values()];
    queued = new Map();
    try {
      writeBatch(batch);
      written += batch.length;
      refused = null;
    } catch (error) {
      const failure = options.storeFailure?.(error) ?? null;
      if (!failure) {
        log.error(`Could not store ${batch.length} transcript item(s)`, error);
        return;
      }
      if (!refused)
        log.warn(`The data folder refused ${batch.length} transcript item(s); keeping them`, error);
      refused = failure;
      keep(batch);
      options.onRefused?.(failure, new Set(batch.map((record) => record.item.turnId)));
    }
  };

  return {
    rows,
    write(record) {
      if (disposed) return;
      // A structured copy: the caller keeps mutating its live item.
      queued.set(record.item.id, { item: { ...record.item }, callId: record.callId });
      // While the store refuses, rows wait for the retry instead of failing again every frame.
      if (refused) return;
      if (queued.size >= MAX_QUEUED) flush();
      else timer ??= setTimeout(flush, FLUSH_DELAY_MS);
    },
    flush,
    get refused() {
      return refused;
    },
    get written() {
      return written;
    },
    dispose() {
      flush();
      if (refused)
        log.error(`${queued.size} transcript item state(s) could not be stored before the host stopped`);
      disposed = true;
    },
  };
}
