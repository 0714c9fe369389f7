import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChildHostLauncher } from '../../src-main/electron/host-process';
import { createHostSupervisor, type HostSupervisor } from '../../src-main/electron/host-supervisor';
import { DEFAULT_RESTART_BACKOFF } from '../../src-main/electron/restart-backoff';
import { REPO_ROOT, skeinCliArgs } from './skein-cli-process';

/**
 * Crash tests: the real `skein host --stdio` child under the real supervisor, killed with SIGKILL.
 * SKEIN_CRASH_LOOPS sets the iterations per scenario (npm test runs a few, `npm run crash-loop` 50);
 * SKEIN_CRASH_SEED replays a run; SKEIN_CRASH_RESULTS_DIR is where each scenario writes its figures.
 */
export const CRASH_LOOPS = Math.max(1, Number.parseInt(process.env.SKEIN_CRASH_LOOPS ?? '2', 10) || 2);
export const CRASH_SEED = Number.parseInt(process.env.SKEIN_CRASH_SEED ?? '', 10) || Date.now() % 2 ** 31;

/**
 * The desktop app's backoff, except that a host which ran 3 s counts as healthy again: the loop kills
 * every few seconds on purpose, and the default 60 s would double the delay up to 10 s by kill five.
 */
export const CRASH_BACKOFF = { ...DEFAULT_RESTART_BACKOFF, resetAfterMs: 3_000 };

/** mulberry32: a small seeded generator, so a failing iteration can be replayed with its seed. */
export function seededRandom(seed: number): { next(): number; int(min: number, max: number): number } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

export interface HostCommand {
  readonly args: readonly string[];
  dispose(): void;
}

/**
 * How to start the host: the bundle `npm run build` wrote when it is current, else a bundle of the
 * sources made here (tsx would compile the host at every one of the loop's restarts, 15–60 s each on
 * a busy machine). It is written under node_modules so that its bare imports resolve as the real one's do.
 */
export async function prepareHostCommand(): Promise<HostCommand> {
  const args = skeinCliArgs();
  if (!args.includes('tsx')) return { args: [...args, 'host', '--stdio'], dispose: () => undefined };
  const { build } = await import('esbuild');
  const dir = join(REPO_ROOT, 'node_modules', '.cache', `skein-crash-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'skein.js');
  await build({
    entryPoints: [join(REPO_ROOT, 'src-main', 'host', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    logLevel: 'error',
  });
  return { args: [outfile, 'host', '--stdio'], dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SupervisedHost {
  readonly supervisor: HostSupervisor;
  /** Restart notices in order: the reason and when the supervisor sent it. */
  readonly restarts: { reason: string; at: number }[];
  /** SIGKILLs the current host child; returns its pid. */
  kill(): number;
  stop(): Promise<void>;
}

/** Starts the host for `dataDir` under the desktop app's supervisor and launcher. */
export function superviseHost(command: HostCommand, dataDir: string, env: NodeJS.ProcessEnv): SupervisedHost {
  const supervisor = createHostSupervisor({
    launch: createChildHostLauncher({
      command: process.execPath,
      args: [...command.args, '--data', dataDir],
      cwd: REPO_ROOT,
      env: { SKEIN_LOG_LEVEL: 'error', ...env },
      graces: { stopGraceMs: 5_000, termGraceMs: 2_000 },
    }),
    backoff: CRASH_BACKOFF,
  });
  const restarts: { reason: string; at: number }[] = [];
  supervisor.onRestarted((reason) => restarts.push({ reason, at: performance.now() }));
  supervisor.start();
  return {
    supervisor,
    restarts,
    kill() {
      const pid = supervisor.pid;
      if (pid === undefined) throw new Error('No host is running to kill.');
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    stop: () => supervisor.stop(),
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Opens the store read-only beside whatever host runs (WAL lets a reader in) and runs `read` on it. */
export function readStore<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'skein.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` and `foreign_key_check` of the store, in one line ("ok" when both pass). */
export function storeIntegrity(dataDir: string): string {
  return readStore(dataDir, (db) => {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const foreign = db.pragma('foreign_key_check') as unknown[];
    return foreign.length === 0 ? integrity : `${integrity}; ${foreign.length} foreign key violation(s)`;
  });
}

/** Pids of live processes whose command line contains `marker` (a flood the host's death should have hung up). */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(join('/proc', entry, 'cmdline'), 'utf8');
      if (cmdline.includes(marker)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface ScenarioFigures {
  scenario: string;
  seed: number;
  iterations: number;
  failures: number;
  /** Kill to the window connected and synced again, per iteration (ms). */
  restartMs: number[];
  /** What was checked after each restart (items, rows…), summed over the iterations. */
  checked: Record<string, number>;
  /** Where the kills landed (counts by label). */
  killPoints: Record<string, number>;
  durationMs: number;
  failureMessages: string[];
}

/** Writes the figures of one scenario for bench/crash-loop/run.ts when SKEIN_CRASH_RESULTS_DIR is set. */
export function writeScenarioFigures(figures: ScenarioFigures): void {
  const dir = process.env.SKEIN_CRASH_RESULTS_DIR;
  if (!dir) return;
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${figures.scenario}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/**
 * Runs one scenario's body CRASH_LOOPS times and keeps its figures: written after every iteration (a
 * loop stopped early still leaves them) and once more at the end, with the failure if one was thrown.
 */
export async function runCrashLoop(
  scenario: string,
  body: (figures: ScenarioFigures, iteration: number) => Promise<void>,
): Promise<void> {
  const figures: ScenarioFigures = {
    scenario,
    seed: CRASH_SEED,
    iterations: 0,
    failures: 0,
    restartMs: [],
    checked: {},
    killPoints: {},
    durationMs: 0,
    failureMessages: [],
  };
  const started = performance.now();
  try {
    for (let iteration = 0; iteration < CRASH_LOOPS; iteration++) {
      await body(figures, iteration);
      figures.iterations += 1;
      figures.durationMs = performance.now() - started;
      writeScenarioFigures(figures);
    }
  } catch (error) {
    figures.failures += 1;
    figures.failureMessages.push(error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    figures.durationMs = performance.now() - started;
    writeScenarioFigures(figures);
  }
}

export function countInto(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}
