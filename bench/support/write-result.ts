import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from '../types';

export const RESULTS_DIR = join(fileURLToPath(import.meta.url), '..', '..', 'results');

export function describeMachine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

/** Writes bench/results/<name>.json with the machine and date, the same record whichever way the bench ran. */
export function writeBenchResult(name: string, result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify({ ...result, machine: describeMachine(), date: new Date().toISOString() }, null, 2)}\n`;
  writeFileSync(join(RESULTS_DIR, `${name}.json`), text);
  return text;
}

/** Lets a bench file run on its own (`npx tsx bench/x.bench.ts`) as well as through bench/run.ts. */
export async function runWhenMain(
  moduleUrl: string,
  name: string,
  run: () => Promise<BenchResult>,
): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  process.stdout.write(writeBenchResult(name, await run()));
}
