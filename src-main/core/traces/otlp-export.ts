import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { TraceSettings } from '../../../src-shared/contract';
import { createLogger } from '../log';
import type { OtlpSpanPlan, OtlpTurnPlan } from './otlp-spans';

const log = createLogger('traces-otlp');

/**
 * Bounds of what waits to be sent: a collector that is down must not grow the host's memory. 2048 and
 * 512 are the SDK's own defaults for the batch processor; spans beyond the queue are dropped.
 */
const MAX_QUEUED_SPANS = 2048;
const MAX_BATCH_SPANS = 512;
/** Turns end seconds apart; a short delay sends each soon without one request per span. */
const EXPORT_DELAY_MS = 1000;
/** One slow collector request gives up after this (the SDK's default is 30 s; a turn's spans are small). */
const EXPORT_TIMEOUT_MS = 10_000;

type ExportCallback = Parameters<SpanExporter['export']>[1];
/** ExportResultCode.SUCCESS of @opentelemetry/core (not a direct dependency). */
const EXPORT_SUCCESS = 0;

/** The OTLP exporter with its failures logged: a collector that is down never reaches the user as an error. */
class LoggingExporter implements SpanExporter {
  private warned = false;

  constructor(
    private readonly inner: SpanExporter,
    private readonly endpoint: string,
  ) {}

  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.inner.export(spans, (result) => {
      if (Number(result.code) !== EXPORT_SUCCESS) {
        if (!this.warned)
          log.warn(`Could not send ${spans.length} span(s) to ${this.endpoint}`, result.error);
        this.warned = true;
      } else {
        this.warned = false;
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function startSpan(
  provider: BasicTracerProvider,
  plan: OtlpSpanPlan,
  parent: Context,
): ReturnType<ReturnType<BasicTracerProvider['getTracer']>['startSpan']> {
  const tracer = provider.getTracer('skein');
  const span = tracer.startSpan(
    plan.name,
    {
      kind: plan.client ? SpanKind.CLIENT : SpanKind.INTERNAL,
      startTime: plan.startedAt,
      attributes: plan.attributes,
    },
    parent,
  );
  if (plan.firstTokenAt !== null) span.addEvent('gen_ai.first_token', plan.firstTokenAt);
  if (plan.error) span.setStatus({ code: SpanStatusCode.ERROR, message: plan.error });
  return span;
}

/** Sends finished turns to the configured OTLP/HTTP collector; nothing at all without an endpoint. */
export class OtlpExport {
  private provider: BasicTracerProvider | null = null;
  private configured = '';

  constructor(private readonly version: string) {}

  /** Follows the settings: a new endpoint or headers start a new exporter (the old one flushes first). */
  configure(settings: TraceSettings): void {
    const key = JSON.stringify([settings.otlpEndpoint, settings.otlpHeaders]);
    if (key === this.configured) return;
    this.configured = key;
    void this.close();
    const url = settings.otlpEndpoint;
    if (!url) return;
    const exporter = new LoggingExporter(
      new OTLPTraceExporter({ url, headers: { ...settings.otlpHeaders }, timeoutMillis: EXPORT_TIMEOUT_MS }),
      url,
    );
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'skein', 'service.version': this.version }),
      spanProcessors: [
        new BatchSpanProcessor(exporter, {
          maxQueueSize: MAX_QUEUED_SPANS,
          maxExportBatchSize: MAX_BATCH_SPANS,
          scheduledDelayMillis: EXPORT_DELAY_MS,
          exportTimeoutMillis: EXPORT_TIMEOUT_MS,
        }),
      ],
    });
  }

  get enabled(): boolean {
    return this.provider !== null;
  }

  /** Queues a turn's spans: the turn first, its children under it. */
  send(plan: OtlpTurnPlan): void {
    const provider = this.provider;
    if (!provider) return;
    const turn = startSpan(provider, plan.turn, ROOT_CONTEXT);
    const parent = trace.setSpan(ROOT_CONTEXT, turn);
    for (const child of plan.children) startSpan(provider, child, parent).end(child.endedAt);
    turn.end(plan.turn.endedAt);
  }

  async flush(): Promise<void> {
    try {
      await this.provider?.forceFlush();
    } catch (error) {
      log.warn('Flushing trace spans failed', error);
    }
  }

  /** Sends what is queued and stops the exporter. */
  async close(): Promise<void> {
    const provider = this.provider;
    this.provider = null;
    if (!provider) return;
    try {
      await provider.shutdown();
    } catch (error) {
      log.warn('Stopping the trace exporter failed', error);
    }
  }
}
