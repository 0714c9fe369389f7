/**
 * Timing probes of the agent-overhead benchmark. Both provider SDKs call the global `fetch`, so
 * wrapping it shows, inside the host process, when each model request starts, when its streamed
 * response ends, and when each marked answer chunk arrives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER, THREAD_TAG } from './agent-overhead-script';

interface Exchange {
  thread: number;
  requestStart: number;
  responseEnd: number | null;
}

export interface FetchProbe {
  /**
   * Per thread: from the end of each response to the start of the next request, in ms; `even`
   * keeps only the steps after an even response (the script's update_plan calls, no I/O).
   */
  gaps(threadCount: number, only?: 'even' | 'odd'): number[];
  /** When each chunk marker arrived (performance.now()). */
  readonly arrivals: Map<string, number>;
  restore(): void;
}

export function installFetchProbe(): FetchProbe {
  const original = globalThis.fetch;
  const exchanges: Exchange[] = [];
  const arrivals = new Map<string, number>();
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const tag = THREAD_TAG.exec(body);
    const exchange: Exchange = {
      thread: tag ? Number(tag[1]) : -1,
      requestStart: performance.now(),
      responseEnd: null,
    };
    const response = await original(input, init);
    if (!tag || !response.body) return response;
    exchanges.push(exchange);
    const decoder = new TextDecoder();
    let carry = '';
    const probe = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const now = performance.now();
        const text = carry + decoder.decode(chunk, { stream: true });
        for (const match of text.matchAll(MARKER)) if (!arrivals.has(match[0])) arrivals.set(match[0], now);
        carry = text.slice(-16);
        controller.enqueue(chunk);
      },
      flush() {
        exchange.responseEnd = performance.now();
      },
    });
    return new Response(response.body.pipeThrough(probe), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    arrivals,
    gaps(threadCount, only) {
      const gaps: number[] = [];
      for (let thread = 0; thread < threadCount; thread += 1) {
        const mine = exchanges.filter((exchange) => exchange.thread === thread);
        for (let k = 0; k + 1 < mine.length; k += 1) {
          if ((only === 'even' && k % 2 !== 0) || (only === 'odd' && k % 2 !== 1)) continue;
          const end = mine[k]?.responseEnd;
          const next = mine[k + 1]?.requestStart;
          if (end !== null && end !== undefined && next !== undefined) gaps.push(next - end);
        }
      }
      return gaps;
    },
    restore: () => void (globalThis.fetch = original),
  };
}

/** The scripted model in its own process, so this process's CPU and event loop are the host's alone. */
export async function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const script = join(fileURLToPath(import.meta.url), '..', 'agent-overhead-script.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buffered += chunk.toString('utf8');
    if (buffered.includes('\n')) break;
  }
  const url = buffered.split('\n')[0]?.trim() ?? '';
  if (!url.startsWith('http'))
    throw new Error(`The benchmark model server did not start (it printed "${buffered}")`);
  return { url, child };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
