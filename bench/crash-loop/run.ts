/**
 * `npm run crash-loop [-- --loops N] [--sequential] [--scenarios agent-turn,terminal-flood,migration]`:
 * SIGKILLs the supervised host N times (50 by default) in each crash scenario by running the crash
 * tests with SKEIN_CRASH_LOOPS=N. Each scenario's figures are kept in bench/results/crash-loop/, and
 * bench/results/crash-loop.json sums up the latest figures of every scenario (so one scenario can be
 * re-run alone).
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile, type ScenarioFigures } from '../../test/support/crash-fixtures';
import { RESULTS_DIR, writeBenchResult } from '../support/write-result';
import type { BenchRow } from '../types';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const DEFAULT_LOOPS = 50;
const FILES: Record<string, string> = {
  'agent-turn': 'test/integration/crash-recovery.test.ts',
  'terminal-flood': 'test/integration/crash-recovery-terminal.test.ts',
  migration: 'test/integration/crash-recovery-migration.test.ts',
};
const SCENARIOS = Object.keys(FILES);
const SCENARIO_DIR = join(RESULTS_DIR, 'crash-loop');

const { values } = parseArgs({
  options: {
    loops: { type: 'string' },
    sequential: { type: 'boolean' },
    seed: { type: 'string' },
    scenarios: { type: 'string' },
  },
});
const chosen = values.scenarios?.split(',') ?? SCENARIOS;
for (const name of chosen) {
  if (!FILES[name]) throw new Error(`Unknown scenario "${name}". Known: ${SCENARIOS.join(', ')}`);
}
const loops = Number.parseInt(values.loops ?? process.env.SKEIN_CRASH_LOOPS ?? `${DEFAULT_LOOPS}`, 10);
const resultsDir = mkdtempSync(join(tmpdir(), 'skein-crash-loop-'));
const loadBefore = loadavg();
const started = performance.now();
const run = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--project',
    'integration',
    ...(values.sequential ? ['--no-file-parallelism'] : []),
    ...chosen.map((name) => FILES[name] ?? ''),
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      SKEIN_CRASH_LOOPS: String(loops),
      SKEIN_CRASH_RESULTS_DIR: resultsDir,
      ...(values.seed ? { SKEIN_CRASH_SEED: values.seed } : {}),
    },
  },
);
const durationMs = performance.now() - started;
const loadAfter = loadavg();

type KeptFigures = ScenarioFigures & { loops: number; loadAverage: number[][]; date: string };
mkdirSync(SCENARIO_DIR, { recursive: true });
for (const name of chosen) {
  const file = join(resultsDir, `${name}.json`);
  const kept = join(SCENARIO_DIR, `${name}.json`);
  if (!existsSync(file)) {
    rmSync(kept, { force: true });
    continue;
  }
  copyFileSync(file, kept);
  const figures = JSON.parse(readFileSync(kept, 'utf8')) as ScenarioFigures;
  const extra = { loops, loadAverage: [loadBefore, loadAfter], date: new Date().toISOString() };
  writeFileSync(kept, `${JSON.stringify({ ...figures, ...extra }, null, 2)}\n`);
}
rmSync(resultsDir, { recursive: true, force: true });
const scenarios: KeptFigures[] = [];
for (const name of SCENARIOS) {
  const kept = join(SCENARIO_DIR, `${name}.json`);
  if (existsSync(kept)) scenarios.push(JSON.parse(readFileSync(kept, 'utf8')) as KeptFigures);
}

const rows: BenchRow[] = [];
for (const name of SCENARIOS) {
  const figures = scenarios.find((scenario) => scenario.scenario === name);
  if (!figures) {
    rows.push({ metric: `${name}: iterations`, value: 'did not run', goal: `${loops} / 0`, met: false });
    continue;
  }
  rows.push(
    {
      metric: `${name}: iterations / failures`,
      value: `${figures.iterations} / ${figures.failures}`,
      goal: `${figures.loops} / 0`,
      met: figures.iterations === figures.loops && figures.failures === 0,
    },
    {
      metric: `${name}: kill to window synced again, p50 / p95`,
      value: `${Math.round(percentile(figures.restartMs, 50))} / ${Math.round(percentile(figures.restartMs, 95))} ms`,
      goal: '–',
      met: null,
    },
  );
}
const result = {
  name: 'crash-loop',
  rows,
  raw: {
    command: 'npm run crash-loop (-- --loops N --scenarios a,b)',
    lastRun: {
      scenarios: chosen,
      loops,
      exitStatus: run.status,
      durationMs: Math.round(durationMs),
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    scenarios: scenarios.map((figures) => ({
      ...figures,
      restartP50Ms: Math.round(percentile(figures.restartMs, 50)),
      restartP95Ms: Math.round(percentile(figures.restartMs, 95)),
      restartMs: figures.restartMs.map(Math.round),
      durationMs: Math.round(figures.durationMs),
    })),
  },
};
process.stdout.write(writeBenchResult('crash-loop', result));
process.exitCode = run.status === 0 && rows.every((row) => row.met !== false) ? 0 : 1;
