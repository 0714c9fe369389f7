/**
 * The soak: a real `skein host --stdio` with N threads (32 by default) on one repository, each running
 * scripted built-in agent turns in a loop (read_file, apply_patch, a sandboxed shell command, streamed
 * text) while its terminal prints a few lines a second, for SKEIN_SOAK_MINUTES (10 by default). Every
 * 10 s the host's RSS is read from /proc, then the host is asked for its memory after a full GC
 * (`host/memory`); after the warm-up the least-squares slope of that kept RSS must stay under the goal.
 * The raw RSS is reported beside it: it also counts garbage V8 has not collected yet, which on a
 * machine with memory to spare it may leave for a long time. At the end the host is stopped as the app stops it (end of stdin) and its leftover
 * processes are counted.
 *   npm run soak                         (writes bench/results/soak.json)
 *   SKEIN_SOAK_MINUTES=3 SKEIN_SOAK_THREADS=8 npm run soak
 *   SKEIN_SOAK_HEAP_SNAPSHOTS=1 npm run soak   (host heap snapshots at warm-up end and at the end)
 *   SKEIN_SOAK_TERMINAL_OUTPUT=0 npm run soak  (terminals open but silent)
 *   SKEIN_SOAK_TERMINALS=0 npm run soak        (no terminals at all: agents only)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SCROLLBACK_LINES } from '../../src-main/core/terminals/constants';
import type { Turn } from '../../src-shared/contract';
import { agentEnv } from '../../test/support/agent-host';
import { createRepo, TempDirs } from '../../test/support/git-repo';
import { startModelServer } from '../../test/support/model-server';
import { processesOwnedBy, waitUntilGone, describeProcesses } from '../../test/support/resource-count';
import { ChildHost } from '../../test/support/resource-host';
import { skeinCliArgs } from '../../test/support/skein-cli-process';
import type { BenchResult } from '../types';
import { RESULTS_DIR, writeBenchResult } from '../support/write-result';
import { memoryMapOf } from './memory-map';
import { soakMessage, soakReply } from './soak-script';
import { round, trendOf, type Sample } from './soak-stats';

const MINUTES = Number(process.env.SKEIN_SOAK_MINUTES ?? 10);
const THREADS = Number(process.env.SKEIN_SOAK_THREADS ?? 32);
/** Start-up settles in the first minute (code loaded, caches and the V8 heap at working size); the trend is judged after. */
const WARMUP_SECONDS = Number(process.env.SKEIN_SOAK_WARMUP_SECONDS ?? Math.min(60, MINUTES * 12));
const SAMPLE_EVERY_MS = 10_000;
/**
 * Goal for the post-warm-up slope of the RSS after a full GC. At the ~100 turns a minute of this soak,
 * 1 MB/min is ~10 KB kept per turn, the size of a turn's transcript: a per-turn leak shows.
 */
const SLOPE_GOAL_MB_PER_MIN = 1;
/** A turn that takes this long is counted as stuck and the thread moves on. */
const TURN_TIMEOUT_MS = 180_000;
/**
 * Each terminal first fills its scrollback, so the host's mirror of it is at its bound before the
 * trend is judged (a mirror grows with every line until it holds SCROLLBACK_LINES: bounded growth,
 * which would otherwise take about 40 minutes at this rate and read as a leak), then prints about
 * 60 bytes a second, like a dev server or a test watcher.
 */
const TERMINAL_LOOP = [
  `seq -f 'scrollback line %g, printed before the soak so the mirror starts full' 1 ${SCROLLBACK_LINES + 200}`,
  'while :; do date; seq 1 5 | tr "\\n" " "; echo; sleep 1; done\n',
].join('; ');
/**
 * The agents' context window, in tokens. A running turn holds its thread's conversation, which grows
 * with every turn until compaction: at a real model's 400,000 tokens no thread would reach it in a
 * soak, so memory would grow with the conversations and say nothing about leaks. At 4,000 each
 * conversation compacts every few turns (and compaction itself is soaked), so it reaches its steady
 * size in the first minutes.
 */
const CONTEXT_WINDOW = Number(process.env.SKEIN_SOAK_CONTEXT_WINDOW ?? 4_000);
/** The mirrors count as full when their typed arrays moved < 1% over 6 readings 2 s apart. */
const MIRROR_STEADY_READINGS = 6;
const MIRROR_READING_EVERY_MS = 2_000;
const MIRROR_FILL_TIMEOUT_MS = 300_000;
const HEAP_SNAPSHOTS = process.env.SKEIN_SOAK_HEAP_SNAPSHOTS === '1';
/**
 * SKEIN_SOAK_TERMINAL_OUTPUT=0 keeps the terminals open but silent. Each terminal's headless mirror
 * keeps up to SCROLLBACK_LINES lines, so printing terminals grow the host until their scrollback is
 * full (about 40 minutes at two lines a second); a silent run separates that bounded growth from the rest.
 */
const TERMINAL_OUTPUT = process.env.SKEIN_SOAK_TERMINAL_OUTPUT !== '0';
/** SKEIN_SOAK_TERMINALS=0 opens none, so the terminals' share (mirror worker included) drops out. */
const TERMINALS = process.env.SKEIN_SOAK_TERMINALS !== '0';

const log = (line: string): void => void process.stdout.write(`[soak] ${line}\n`);
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function rssMbOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * Waits until the screen mirrors have parsed the scrollback the terminals printed: their typed arrays
 * (one per line) reach what full scrollbacks take and stop growing. The worker runs at a lower priority, so on a busy machine it parses
 * the ~11 MB minutes after the terminals printed it; growth until then is the mirrors filling.
 */
async function mirrorsFilled(client: ChildHost['client'], fullBytes: number): Promise<void> {
  const started = Date.now();
  const readings: number[] = [];
  for (;;) {
    const memory = await client.api.host.memory({ collect: false });
    readings.push(memory.mirrorArrayBuffersBytes ?? 0);
    const window = readings.slice(-MIRROR_STEADY_READINGS);
    const low = Math.min(...window);
    const steady = window.length === MIRROR_STEADY_READINGS && Math.max(...window) - low <= low * 0.01;
    if (steady && low >= fullBytes) break;
    if (Date.now() - started > MIRROR_FILL_TIMEOUT_MS) {
      log('the mirrors were still growing after 5 min; starting anyway');
      break;
    }
    await delay(MIRROR_READING_EVERY_MS);
  }
  log(
    `mirrors full after ${Math.round((Date.now() - started) / 1000)} s: ${round((readings.at(-1) ?? 0) / 2 ** 20, 1)} MB of lines`,
  );
}

async function run(): Promise<BenchResult> {
  const dirs = new TempDirs();
  const model = await startModelServer();
  model.script(soakReply);
  const heapDir = join(RESULTS_DIR, 'soak-heap');
  const extraEnv: Record<string, string> = { SHELL: '/bin/bash', SKEIN_LOG_LEVEL: 'warn' };
  if (HEAP_SNAPSHOTS) {
    mkdirSync(heapDir, { recursive: true });
    extraEnv.NODE_OPTIONS = `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${heapDir}`;
  }
  const dataDir = dirs.make('skein-soak-data-');
  const { host, proc } = ChildHost.start(dataDir, agentEnv(model, dirs, extraEnv));
  const { client } = host;
  const counts = {
    turns: 0,
    turnsNotCompleted: 0,
    turnStatuses: {} as Record<string, number>,
    rpcErrors: 0,
    errorItems: 0,
    failedItems: 0,
    terminalChars: 0,
    stuckTurns: 0,
  };
  const waiters = new Map<string, (turn: Turn) => void>();
  client.on('turn/completed', ({ turn }) => waiters.get(turn.threadId)?.(turn));
  client.on('item/completed', ({ item }) => {
    if (item.kind === 'error') counts.errorItems += 1;
    else if (item.status === 'failed') counts.failedItems += 1;
  });
  client.on('terminal/data', ({ terminalId, data }) => {
    counts.terminalChars += data.length;
    // Acked as the renderer does after xterm wrote it, so flow control never pauses the terminals.
    void client.api.terminal.ack({ terminalId, chars: data.length }).catch(() => undefined);
  });

  try {
    const repo = createRepo(dirs, {
      files: {
        'README.md': '# soak\n\nA repository the soak agents work in.\n',
        'src/index.ts': 'export {};\n',
      },
    });
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    await client.api.agent.setSettings({
      scope: 'user',
      settings: { approvalPolicy: 'never', sandboxMode: 'workspace-write', contextWindow: CONTEXT_WINDOW },
    });
    log(`host pid ${host.pid} (${skeinCliArgs().join(' ')}), starting ${THREADS} threads`);
    const threads = [];
    for (let i = 0; i < THREADS; i += 1)
      threads.push(await host.readyThread(project.id, `Soak ${i + 1}`, 120_000));
    const terminals = [];
    for (const thread of TERMINALS ? threads : []) {
      const terminal = await client.api.terminal.open({ threadId: thread.id });
      terminals.push(terminal);
      await client.api.terminal.attach({ terminalId: terminal.id });
      if (TERMINAL_OUTPUT) await client.api.terminal.input({ terminalId: terminal.id, data: TERMINAL_LOOP });
    }
    // A full mirror holds SCROLLBACK_LINES lines of `cols` cells at 12 bytes a cell (xterm's BufferLine).
    const fullBytes = terminals.reduce((sum, terminal) => sum + SCROLLBACK_LINES * terminal.cols * 12, 0);
    if (TERMINAL_OUTPUT) await mirrorsFilled(client, fullBytes);
    const startRssMb = rssMbOf(host.pid);
    log(`threads and terminals ready; host RSS ${round(startRssMb, 1)} MB; running ${MINUTES} min`);

    const startedAt = Date.now();
    const endAt = startedAt + MINUTES * 60_000;
    const samples: Sample[] = [];
    let maxLoad = 0;
    let warmupSnapshotTaken = false;
    const sample = async (): Promise<void> => {
      const atSeconds = Math.round((Date.now() - startedAt) / 1000);
      const rssMb = round(rssMbOf(host.pid), 1);
      const kept = await client.api.host.memory({ collect: true });
      const mb = (bytes: number): number => round(bytes / 2 ** 20, 1);
      samples.push({
        atSeconds,
        rssMb,
        keptRssMb: mb(kept.rssBytes),
        heapMb: mb(kept.heapUsedBytes),
        externalMb: mb(kept.externalBytes),
        heapTotalMb: mb(kept.heapTotalBytes),
        mirrorHeapMb: mb(kept.mirrorHeapUsedBytes ?? 0),
        mirrorBuffersMb: mb(kept.mirrorArrayBuffersBytes ?? 0),
        map: memoryMapOf(host.pid),
      });
      maxLoad = Math.max(maxLoad, loadavg()[0] ?? 0);
      host.forgetAll();
      if (HEAP_SNAPSHOTS && !warmupSnapshotTaken && atSeconds >= WARMUP_SECONDS) {
        warmupSnapshotTaken = true;
        proc.child.kill('SIGUSR2');
      }
      log(
        `${atSeconds} s: RSS ${rssMb} MB (after GC ${mb(kept.rssBytes)}, heap ${mb(kept.heapUsedBytes)}, mirrors' heap ${mb(kept.mirrorHeapUsedBytes ?? 0)} + buffers ${mb(kept.mirrorArrayBuffersBytes ?? 0)}, external ${mb(kept.externalBytes)}; map ${JSON.stringify(samples.at(-1)?.map)}), turns ${counts.turns}, terminal ${Math.round(counts.terminalChars / 1024)} KiB, load ${loadavg()[0]?.toFixed(1)}`,
      );
    };
    // A tick that finds the last sample still running (a loaded machine) is skipped, not queued.
    const sampling: { running: Promise<void> | null } = { running: null };
    const takeSample = (): void => {
      if (sampling.running) return;
      sampling.running = sample()
        .catch((error: unknown) => log(`sample failed: ${String(error)}`))
        .finally(() => {
          sampling.running = null;
        });
    };
    takeSample();
    const sampler = setInterval(takeSample, SAMPLE_EVERY_MS);

    const loop = async (index: number, threadId: string): Promise<void> => {
      for (let turnNumber = 1; Date.now() < endAt; turnNumber += 1) {
        const done = new Promise<Turn | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), TURN_TIMEOUT_MS);
          waiters.set(threadId, (turn) => {
            clearTimeout(timer);
            resolve(turn);
          });
        });
        try {
          await client.api.turn.start({
            threadId,
            message: soakMessage(index, turnNumber),
            provider: 'openai',
          });
        } catch (error) {
          counts.rpcErrors += 1;
          log(
            `turn/start failed on thread ${index}: ${error instanceof Error ? error.message : String(error)}`,
          );
          await delay(1_000);
          continue;
        }
        const turn = await done;
        waiters.delete(threadId);
        if (!turn) {
          counts.stuckTurns += 1;
          await client.api.turn.interrupt({ threadId }).catch(() => undefined);
          continue;
        }
        counts.turnStatuses[turn.status] = (counts.turnStatuses[turn.status] ?? 0) + 1;
        if (turn.status === 'completed') counts.turns += 1;
        else counts.turnsNotCompleted += 1;
      }
    };
    await Promise.all(threads.map((thread, index) => loop(index, thread.id)));
    clearInterval(sampler);
    await sampling.running;
    // Threads finish their last turns after the clock ran out, fewer and fewer at once: that
    // wind-down is not judged. One sample once every turn ended shows what the host keeps idle.
    const judged = samples.filter(
      (entry) => entry.atSeconds >= WARMUP_SECONDS && entry.atSeconds <= MINUTES * 60,
    );
    await sample();
    const idle = samples.at(-1);
    const elapsedMinutes = (Date.now() - startedAt) / 60_000;
    if (HEAP_SNAPSHOTS) {
      proc.child.kill('SIGUSR2');
      await delay(20_000);
    }
    const endLoad = loadavg();

    // Stop as the app does and count what is left behind.
    const owned = processesOwnedBy({ hostPid: host.pid, markers: [dataDir, repo.path] });
    const stopStarted = Date.now();
    host.channel.close();
    const exit = await Promise.race([proc.exited, delay(15_000).then(() => null)]);
    const stopMs = Date.now() - stopStarted;
    const left = await waitUntilGone(owned, [dataDir, repo.path], 5_000);
    if (left.length > 0) log(`left after stop:\n${describeProcesses(left)}`);

    const after = judged;
    const trend = trendOf(after, 'keptRssMb');
    const rawTrend = trendOf(after, 'rssMb');
    const heapTrend = trendOf(after, 'heapMb');
    const externalTrend = trendOf(after, 'externalMb');
    const mirrorTrend = trendOf(after, 'mirrorHeapMb');
    const whole = trendOf(samples, 'keptRssMb');
    const turnsPerMinute = counts.turns / elapsedMinutes;
    const slope = round(trend.slopeMbPerMinute, 3);
    const slopeOf = (figure: { slopeMbPerMinute: number }): string =>
      `${round(figure.slopeMbPerMinute, 3)} MB/min`;
    const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
    return {
      name: 'soak',
      rows: [
        {
          metric: 'soak duration, threads',
          value: `${round(elapsedMinutes, 1)} min, ${THREADS} threads`,
          goal: '10 min, 32 threads',
          met: elapsedMinutes >= 9.9 && THREADS >= 32,
        },
        {
          metric: 'agent turns completed (read, patch, shell, text)',
          value: `${counts.turns} (${round(turnsPerMinute, 1)}/min)`,
          goal: '–',
          met: null,
        },
        {
          metric: 'turns failed, interrupted or stuck; RPC errors',
          value: `${counts.turnsNotCompleted + counts.stuckTurns}; ${counts.rpcErrors}`,
          goal: '0; 0',
          met: counts.turnsNotCompleted + counts.stuckTurns + counts.rpcErrors === 0,
        },
        {
          metric: 'terminal output received',
          value: `${round(counts.terminalChars / 2 ** 20, 2)} MiB`,
          goal: '–',
          met: null,
        },
        {
          metric: 'host RSS after a full GC: end of warm-up / end',
          value: `${after[0]?.keptRssMb ?? '–'} / ${trend.lastMb} MB`,
          goal: '–',
          met: null,
        },
        {
          metric: `host RSS after a full GC, slope after the ${WARMUP_SECONDS} s warm-up (least squares, ${trend.count} samples)`,
          value: `${slope} MB/min`,
          goal: `< ${SLOPE_GOAL_MB_PER_MIN} MB/min`,
          met: trend.count >= 3 && slope < SLOPE_GOAL_MB_PER_MIN,
        },
        {
          metric: 'once every turn ended: host RSS after a full GC; V8 heap used (host)',
          value: `${idle?.keptRssMb ?? '–'} MB; ${idle?.heapMb ?? '–'} MB (at the first sample: ${samples[0]?.heapMb ?? '–'} MB)`,
          goal: '–',
          met: null,
        },
        {
          metric: 'host RSS after a full GC, max − min after warm-up',
          value: `${round(trend.maxMb - trend.minMb, 1)} MB`,
          goal: '–',
          met: null,
        },
        {
          metric: 'V8 heap used (host / screen-mirror worker) and external, after full GCs: slopes',
          value: `${slopeOf(heapTrend)} / ${slopeOf(mirrorTrend)} / ${slopeOf(externalTrend)}`,
          goal: '–',
          met: null,
        },
        {
          metric: 'host RSS as sampled (garbage included): start / end of warm-up / end; slope',
          value: `${round(startRssMb, 1)} / ${after[0]?.rssMb ?? '–'} / ${rawTrend.lastMb} MB; ${slopeOf(rawTrend)}`,
          goal: '–',
          met: null,
        },
        {
          metric: 'processes left 5 s after the stop; host exit',
          value: `${left.length}; ${exit ? `code ${exit.code}` : 'still running'} after ${stopMs} ms`,
          goal: '0; code 0',
          met: left.length === 0 && exit?.code === 0,
        },
        {
          metric: 'load average at end (1/5/15 min); max 1-min seen',
          value: `${load(endLoad)}; ${maxLoad.toFixed(2)}`,
          goal: '–',
          met: null,
        },
      ],
      raw: {
        minutes: MINUTES,
        threads: THREADS,
        warmupSeconds: WARMUP_SECONDS,
        sampleEveryMs: SAMPLE_EVERY_MS,
        host: skeinCliArgs().join(' '),
        counts,
        trendAfterWarmup: {
          keptRss: trend,
          rss: rawTrend,
          heap: heapTrend,
          mirrorHeap: mirrorTrend,
          external: externalTrend,
        },
        trendWhole: whole,
        samples,
        loadAtEnd: endLoad,
        maxLoad1m: maxLoad,
        leftAfterStop: left.map((info) => info.command),
        heapSnapshots: HEAP_SNAPSHOTS ? heapDir : null,
      },
    };
  } finally {
    await proc.stop('SIGKILL', 1_000);
    await model.close();
    dirs.cleanup();
  }
}

const result = await run();
process.stdout.write(writeBenchResult('soak', result));
const failed = result.rows.filter((row) => row.met === false).map((row) => row.metric);
log(failed.length === 0 ? 'all goals met' : `goals missed: ${failed.join('; ')}`);
process.exit(0);
