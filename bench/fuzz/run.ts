import { loadavg } from 'node:os';
import { startFuzzHost } from '../../test/support/fuzz/fuzz-host';
import { runFuzz } from '../../test/support/fuzz/fuzz-run';
import { writeBenchResult } from '../support/write-result';

/**
 * `npm run fuzz`: every contract method against a real `skein host --stdio`, 100,000 generated and
 * malformed messages by default. SKEIN_FUZZ_COUNT and SKEIN_FUZZ_SEED override the count and seed;
 * SKEIN_FUZZ_PATH (printed on a failure, with its seed) replays only the failing batch.
 */
const DEFAULT_COUNT = 100_000;
/** A fixed default so two runs send the same messages; change it (or set SKEIN_FUZZ_SEED) to explore. */
const DEFAULT_SEED = 20_261_123;

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${raw}".`);
  return value;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<number> {
  const count = numberFromEnv('SKEIN_FUZZ_COUNT', DEFAULT_COUNT);
  const seed = numberFromEnv('SKEIN_FUZZ_SEED', DEFAULT_SEED);
  const path = process.env.SKEIN_FUZZ_PATH || undefined;
  const loadBefore = loadavg()[0] ?? 0;
  const host = await startFuzzHost();
  let lastPrinted = 0;
  try {
    const report = await runFuzz(host, {
      count,
      seed,
      path,
      onBatch: (sent) => {
        if (sent - lastPrinted < 10_000) return;
        lastPrinted = sent;
        process.stderr.write(`fuzz: ${sent} messages sent\n`);
      },
    });
    const rows = [
      {
        metric: 'messages sent',
        value: String(report.count),
        goal: `>= ${DEFAULT_COUNT.toLocaleString('en')}`,
        met: report.count >= DEFAULT_COUNT,
      },
      {
        metric: 'failures (crash, silence, wrong answer)',
        value: report.failure ? '1' : '0',
        goal: '0',
        met: report.failure === null,
      },
      { metric: 'messages/s', value: String(report.messagesPerSecond), goal: '', met: null },
      { metric: 'duration', value: `${(report.durationMs / 1000).toFixed(1)} s`, goal: '', met: null },
      {
        metric: 'host RSS before / after',
        value: `${mib(report.rssBeforeBytes)} / ${mib(report.rssAfterBytes)}`,
        goal: '',
        met: null,
      },
    ];
    const text = writeBenchResult('fuzz', {
      name: 'fuzz',
      rows,
      raw: {
        ...report,
        path: path ?? null,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg()[0] ?? 0,
      },
    });
    process.stdout.write(text);
    if (report.failure) process.stderr.write(`fuzz FAILED (seed ${seed}):\n${report.failure}\n`);
    return report.failure ? 1 : 0;
  } finally {
    await host.dispose();
  }
}

process.exitCode = await main();
