import {
  SkeinError,
  type ThreadTrace,
  type TraceDayTotals,
  type TraceSettings,
  type TraceTotals,
  type Turn,
} from '../../../src-shared/contract';
import type { ModelCallHooks } from '../agents/runtime/model-hooks';
import type { NamedSecrets } from '../agents/settings/key-store';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';
import { traceFileName, traceToJsonl } from './jsonl-export';
import { OtlpExport } from './otlp-export';
import { planTurn } from './otlp-spans';
import { createSpanRows, type RecordedSpan } from './span-rows';
import { createTraceRows } from './trace-rows';
import { createTraceSettingsStore } from './trace-settings';
import { assembleTrace, totalsByDay, windowStart } from './timeline';

const log = createLogger('traces');

/** The chart's default window: a month of days. */
const DEFAULT_DAYS = 30;

export interface TraceServiceDeps {
  db: SqliteDatabase;
  /** The host's version, sent as the OTLP resource's service.version. */
  version: string;
  /** Where the collector's header values are kept (the host's key store), never the database. */
  secrets: NamedSecrets;
  now?: () => number;
}

export interface TraceService {
  /** Records each built-in agent model call (AgentServiceDeps.modelHooks). */
  readonly modelHook: ModelCallHooks;
  /** Records a span only its owner sees (handoffs, worker threads); returns its id. Never throws. */
  record(span: RecordedSpan): string | null;
  timeline(threadId: string): ThreadTrace;
  totals(options: { projectId?: string; days?: number }): { days: TraceDayTotals[]; totals: TraceTotals };
  exportJsonl(threadId: string, options: { includeContent?: boolean }): { fileName: string; jsonl: string };
  /** As a client may see them: header values as SECRET_KEPT. */
  settings(): TraceSettings;
  /** SECRET_KEPT as a header's value keeps its stored value; the result is as `settings()`. */
  setSettings(patch: Partial<TraceSettings>): Promise<TraceSettings>;
  /** A turn ended: its spans go to the OTLP collector when one is configured. */
  turnCompleted(turn: Pick<Turn, 'id' | 'threadId'>): void;
  /** Sends what waits for the collector (tests, shutdown). */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

export function createTraceService(deps: TraceServiceDeps): TraceService {
  const now = deps.now ?? Date.now;
  const spans = createSpanRows(deps.db);
  const rows = createTraceRows(deps.db);
  const settingsRows = createTraceSettingsStore(deps.db, deps.secrets);
  const otlp = new OtlpExport(deps.version);
  /** The exporter follows the settings; it alone gets the header values. */
  const configureExport = async (): Promise<void> => {
    try {
      otlp.configure(await settingsRows.real());
    } catch (error) {
      log.warn('Could not read the trace settings to configure the OTLP export', error);
    }
  };
  let configured = settingsRows.migrated.then(configureExport);

  const timeline = (threadId: string): ThreadTrace => {
    if (rows.projectOf(threadId) === null) {
      throw new SkeinError('NOT_FOUND', `There is no thread ${threadId}; it may have been deleted.`, {
        threadId,
      });
    }
    return assembleTrace(threadId, {
      turns: rows.turnsOfThread(threadId),
      items: rows.itemsOfThread(threadId),
      approvals: rows.approvalsOfThread(threadId),
      stored: spans.ofThread(threadId),
    });
  };

  const exportTurn = (turnId: string) => {
    const turn = rows.turn(turnId);
    if (!turn) return;
    const current = settingsRows.forClient();
    const trace = assembleTrace(turn.thread_id, {
      turns: [turn],
      items: rows.itemsOfTurn(turnId),
      approvals: rows.approvalsOfTurn(turnId),
      stored: spans.ofTurn(turnId),
    });
    const only = trace.turns[0];
    if (!only) return;
    otlp.send(planTurn(only, rows.projectOf(turn.thread_id), current.includeContent, now()));
  };

  return {
    modelHook: {
      after(context, outcome) {
        spans.modelCall(context, outcome);
      },
    },
    record(span) {
      try {
        return spans.record(span);
      } catch (error) {
        log.warn(`Could not record the ${span.kind} span "${span.name}"`, error);
        return null;
      }
    },
    timeline,
    totals({ projectId, days = DEFAULT_DAYS }) {
      const at = now();
      return totalsByDay(rows.turnsSince(windowStart(days, at), projectId), days, at);
    },
    exportJsonl(threadId, { includeContent = false }) {
      return {
        fileName: traceFileName(threadId, now()),
        jsonl: traceToJsonl(timeline(threadId), includeContent),
      };
    },
    settings: () => settingsRows.forClient(),
    async setSettings(patch) {
      await settingsRows.update(patch);
      configured = configured.then(configureExport);
      await configured;
      return settingsRows.forClient();
    },
    turnCompleted(turn) {
      if (!otlp.enabled) return;
      try {
        exportTurn(turn.id);
      } catch (error) {
        log.warn(`Could not export the trace of turn ${turn.id}`, error);
      }
    },
    async flush() {
      await configured;
      await otlp.flush();
    },
    async dispose() {
      await configured;
      await otlp.close();
    },
  };
}
