import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

type AttributeValue = string | number | boolean | null;

/** One span as the collector received it, attributes flattened. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  events: { name: string; timeMs: number }[];
  status: { code: number; message: string | null };
  resource: Record<string, AttributeValue>;
}

interface OtlpKeyValue {
  key: string;
  value: {
    stringValue?: string;
    intValue?: string | number;
    doubleValue?: number;
    boolValue?: boolean;
  };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: { name: string; timeUnixNano: string | number }[];
  status?: { code?: number; message?: string };
}

interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

function valueOf(value: OtlpKeyValue['value']): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return null;
}

function flatten(list: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((entry) => [entry.key, valueOf(entry.value)]));
}

const nanosToMs = (nanos: string | number) => Number(BigInt(nanos) / 1_000_000n);

/** Parses an OTLP/HTTP JSON trace export body into flat spans. */
export function parseOtlpJson(body: string): CollectedSpan[] {
  const request = JSON.parse(body) as OtlpRequest;
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = flatten(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ? span.parentSpanId : null,
        name: span.name,
        kind: span.kind,
        startMs: nanosToMs(span.startTimeUnixNano),
        endMs: nanosToMs(span.endTimeUnixNano),
        attributes: flatten(span.attributes),
        events: (span.events ?? []).map((event) => ({
          name: event.name,
          timeMs: nanosToMs(event.timeUnixNano),
        })),
        status: { code: span.status?.code ?? 0, message: span.status?.message ?? null },
        resource,
      })),
    );
  });
}

export interface CollectedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  contentType: string;
  body: string;
}

/**
 * A small OTLP/HTTP trace collector on 127.0.0.1: accepts JSON exports on /v1/traces and keeps every
 * span. Protobuf bodies are refused with 415 (the JSON exporter under test never sends them).
 */
export class OtlpCollector {
  readonly requests: CollectedRequest[] = [];
  readonly spans: CollectedSpan[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpCollector> {
    let collector: OtlpCollector | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        const contentType = request.headers['content-type'] ?? '';
        const body = raw.toString('utf8');
        collector?.requests.push({ path: request.url ?? '', headers: request.headers, contentType, body });
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        if (!contentType.includes('json')) {
          response.writeHead(415).end();
          return;
        }
        collector?.spans.push(...parseOtlpJson(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    collector = new OtlpCollector(server, `http://127.0.0.1:${port}`);
    return collector;
  }

  get tracesUrl(): string {
    return `${this.url}/v1/traces`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
