import {
  SECRET_KEPT,
  SkeinError,
  traceSettingsSchema,
  type TraceSettings,
} from '../../../src-shared/contract';
import type { NamedSecrets } from '../agents/settings/key-store';
import { scrubFreedPages } from '../agents/settings/scrub-freed-pages';
import { isSecretRef, newSecretRef, refName } from '../agents/settings/secret-refs';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';

const log = createLogger('traces');

/** The row of the user-level `settings` table that holds them. */
const SETTINGS_KEY = 'traces';
/** Where the collector's header values live in the key store. */
const HEADER_SECRET_PREFIX = 'otlp/header/';

export const DEFAULT_TRACE_SETTINGS: TraceSettings = {
  otlpEndpoint: null,
  otlpHeaders: {},
  includeContent: false,
};

function createTraceSettingsRows(db: SqliteDatabase) {
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

const mapValues = (record: Record<string, string>, to: (value: string) => string) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, to(value)]));

/**
 * Trace settings in the store. The collector's header values (often an API key) are named secrets
 * in the key store; the row holds references, clients get SECRET_KEPT, and only the exporter gets
 * the values.
 */
export function createTraceSettingsStore(db: SqliteDatabase, secrets: NamedSecrets) {
  const rows = createTraceSettingsRows(db);
  let writing: Promise<unknown> = Promise.resolve();

  const unsealed = async (settings: TraceSettings): Promise<TraceSettings> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(settings.otlpHeaders)) {
      if (!isSecretRef(value)) headers[name] = value;
      else {
        const stored = await secrets.get(refName(value));
        if (stored === null) log.warn(`The OTLP header ${name} has no stored value; it is not sent`);
        else headers[name] = stored;
      }
    }
    return { ...settings, otlpHeaders: headers };
  };

  /** The row with `headers` sealed: SECRET_KEPT keeps a stored value, anything else is stored anew. */
  const sealHeaders = async (current: TraceSettings, headers: Record<string, string>) => {
    const sealed: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const kept = value === SECRET_KEPT ? current.otlpHeaders[name] : value;
      if (kept === undefined || kept === SECRET_KEPT)
        throw new SkeinError(
          'INVALID_PARAMS',
          `The OTLP header ${name} has no stored value to keep; enter its value.`,
        );
      if (isSecretRef(kept) && value !== SECRET_KEPT)
        throw new SkeinError(
          'INVALID_PARAMS',
          `The value of the OTLP header ${name} is not a value; enter it again.`,
        );
      if (isSecretRef(kept)) sealed[name] = kept;
      else {
        const secretName = `${HEADER_SECRET_PREFIX}${name}`;
        await secrets.set(secretName, kept);
        sealed[name] = newSecretRef(secretName);
      }
    }
    return sealed;
  };

  /** Writes `next` (headers sealed) and drops the secrets of headers it no longer has. One write at a time. */
  const write = (build: (current: TraceSettings) => Promise<TraceSettings>): Promise<TraceSettings> => {
    const done = writing.then(async () => {
      const next = await build(rows.get());
      rows.set(next);
      const still = new Set(Object.values(next.otlpHeaders).filter(isSecretRef).map(refName));
      await secrets.delete((await secrets.names(HEADER_SECRET_PREFIX)).filter((name) => !still.has(name)));
      return next;
    });
    writing = done.catch(() => undefined);
    return done;
  };

  /** Header values an older Skein wrote in clear: moved into the key store at start-up. */
  const migrated = (async () => {
    const current = rows.get();
    if (!Object.values(current.otlpHeaders).some((value) => !isSecretRef(value))) return;
    await write(async (now) => ({ ...now, otlpHeaders: await sealHeaders(now, now.otlpHeaders) }));
    scrubFreedPages(db);
    log.info('Moved the OTLP header values into the key store');
  })().catch((error: unknown) =>
    log.error('Moving the OTLP header values out of the settings failed', error),
  );

  return {
    migrated,
    /** What clients see: header values as SECRET_KEPT. */
    forClient(): TraceSettings {
      const current = rows.get();
      return { ...current, otlpHeaders: mapValues(current.otlpHeaders, () => SECRET_KEPT) };
    },
    /** What the exporter needs: the header values themselves. */
    real: () => unsealed(rows.get()),
    async update(patch: Partial<TraceSettings>): Promise<TraceSettings> {
      await migrated;
      return write(async (current) => {
        const next: TraceSettings = { ...current };
        if (patch.otlpEndpoint !== undefined) next.otlpEndpoint = patch.otlpEndpoint?.trim() || null;
        if (patch.otlpHeaders !== undefined) next.otlpHeaders = await sealHeaders(current, patch.otlpHeaders);
        if (patch.includeContent !== undefined) next.includeContent = patch.includeContent;
        return next;
      });
    },
  };
}

export type TraceSettingsStore = ReturnType<typeof createTraceSettingsStore>;
