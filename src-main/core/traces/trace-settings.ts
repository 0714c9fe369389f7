import { traceSettingsSchema, type TraceSettings } from '../../../src-shared/contract';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';

const log = createLogger('traces');

/** The row of the user-level `settings` table that holds them. */
const SETTINGS_KEY = 'traces';

export const DEFAULT_TRACE_SETTINGS: TraceSettings = {
  otlpEndpoint: null,
  otlpHeaders: {},
  includeContent: false,
};

/**
 * Trace settings in the store. The collector's headers may hold an API key: they sit in the database
 * as the other settings do until secrets move to the keyring (issue #9).
 */
export function createTraceSettingsRows(db: SqliteDatabase) {
  const read = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const write = db.prepare(
    `INSERT INTO settings (key, value_json) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`,
  );
  return {
    get(): TraceSettings {
      const row = read.get(SETTINGS_KEY);
      if (!row) return { ...DEFAULT_TRACE_SETTINGS };
      const parsed = traceSettingsSchema.safeParse(JSON.parse(row.value_json));
      if (parsed.success) return parsed.data;
      log.warn('Stored trace settings are unreadable; using the defaults', parsed.error.message);
      return { ...DEFAULT_TRACE_SETTINGS };
    },
    set(settings: TraceSettings): void {
      write.run(SETTINGS_KEY, JSON.stringify(settings));
    },
  };
}
