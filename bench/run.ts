/**
 * `npm run bench [-- name ...]`: runs the benchmarks one after another (they share 2 cores; running
 * them at once would measure each other), writes bench/results/<name>.json and refreshes the table
 * in docs/performance.md. `npm run bench -- --table` only refreshes the table from the results there
 * (after a benchmark file was run alone, which writes its result but not the table).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, RESULTS_DIR, writeBenchResult } from './support/write-result';
import type { BenchResult } from './types';

const root = join(fileURLToPath(import.meta.url), '..', '..');

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'thread-start': async () => (await import('./thread-start.bench')).run(),
  'host-memory': async () => (await import('./host-memory.bench')).run(),
  'terminal-throughput': async () => (await import('./terminal-throughput.bench')).run(),
  'terminal-echo': async () => (await import('./terminal-echo.bench')).run(),
  'agent-overhead': async () => (await import('./agent-overhead.bench')).run(),
  'review-diff': async () => (await import('./review-diff.bench')).run(),
  'conflict-radar': async () => (await import('./conflict-radar.bench')).run(),
};

function renderTable(results: BenchResult[]): string {
  const lines = ['| benchmark | metric | value | goal | met |', '|---|---|---|---|---|'];
  for (const result of results) {
    for (const row of result.rows) {
      const met = row.met === null ? '–' : row.met ? 'yes' : '**no**';
      lines.push(`| ${result.name} | ${row.metric} | ${row.value} | ${row.goal} | ${met} |`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = args.filter((arg) => arg !== '--table');
  const names = args.includes('--table') ? [] : wanted.length > 0 ? wanted : Object.keys(BENCHES);
  for (const name of names) {
    if (!BENCHES[name])
      throw new Error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
  }
  for (const name of names) {
    process.stderr.write(`bench: running ${name}…\n`);
    const result = await BENCHES[name]!();
    writeBenchResult(name, result);
  }
  // The table always shows the latest result of every benchmark, not only the ones just run.
  const all: BenchResult[] = [];
  for (const name of Object.keys(BENCHES)) {
    try {
      all.push(JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), 'utf8')) as BenchResult);
    } catch {
      // Not run yet on this checkout.
    }
  }
  const docPath = join(root, 'docs', 'performance.md');
  const doc = readFileSync(docPath, 'utf8');
  const table = `<!-- bench:start -->\nMeasured on ${describeMachine()}, ${new Date().toISOString().slice(0, 10)}.\n\n${renderTable(all)}\n<!-- bench:end -->`;
  writeFileSync(docPath, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, table));
  process.stdout.write(`${renderTable(all)}\n`);
}

await main();
