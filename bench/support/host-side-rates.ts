/**
 * Where a terminal's bytes spend their time before they reach the page, measured in this process on
 * the host's own code: how fast a pty delivers a `cat` (the floor), and how fast the host's screen
 * mirror (a headless xterm in a worker thread, src-main/core/terminals/mirror-worker.ts) parses the
 * same output. Flow control holds the pty back until the mirror has parsed, so the mirror's rate caps
 * the host; since the mirror has its own thread, it no longer takes that time from the host's main thread.
 */
import { spawn } from 'node-pty';
import { MirrorWorker } from '../../src-main/core/terminals/mirror-worker';

/** Enough output for V8 to optimize xterm's parser before the timed run. */
const WARMUP_CHARS = 8_000_000;

/** Parses `text` in a fresh mirror of the given size, written in `chunkChars` pieces; returns ms. */
export async function timeMirrorParse(
  text: string,
  cols: number,
  rows: number,
  chunkChars: number,
): Promise<number> {
  const mirrors = new MirrorWorker();
  try {
    // The host's worker lives as long as the host, so it parses with warm, optimized code: warm this
    // one up first (a fresh thread starts with cold JIT and parsed 30-40% slower).
    const warmup = mirrors.open({ cols, rows });
    warmup.write(text.slice(0, WARMUP_CHARS));
    await warmup.serialize({ settled: true });
    warmup.dispose();
    const mirror = mirrors.open({ cols, rows });
    await mirror.serialize({ settled: true });
    const started = performance.now();
    for (let offset = 0; offset < text.length; offset += chunkChars) {
      mirror.write(text.slice(offset, offset + chunkChars));
      // One pty read per turn, as the host sees them (writes within one turn travel as one message).
      await new Promise((resolve) => setImmediate(resolve));
    }
    await mirror.serialize({ settled: true });
    return performance.now() - started;
  } finally {
    await mirrors.dispose();
  }
}

/** How long a pty takes to deliver `cat <file>` to Node with nothing else in the way; returns ms. */
export function timePtyCat(file: string, cwd: string, cols: number, rows: number): Promise<number> {
  const marker = 'PTYCATDONE';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The trailing sleep keeps the pty open until the marker is read (node-pty drops output queued at exit).
    const pty = spawn(
      '/bin/bash',
      ['--noprofile', '--norc', '-c', `cat '${file}'; printf '%s%s\\n' PTYCAT DONE; sleep 5`],
      { name: 'xterm-256color', cols, rows, cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
    );
    let tail = '';
    const timer = setTimeout(() => {
      pty.kill('SIGKILL');
      reject(new Error('The pty did not deliver the file within 120 s'));
    }, 120_000);
    pty.onData((data) => {
      tail = (tail + data).slice(-64);
      if (!tail.includes(marker)) return;
      const elapsed = performance.now() - started;
      clearTimeout(timer);
      pty.kill('SIGKILL');
      resolve(elapsed);
    });
  });
}

/**
 * How long the host's mirror takes to serialize a full scrollback (what a periodic scrollback
 * snapshot and every attach do, in the mirror's worker thread); median of `runs`, in ms.
 */
export async function timeMirrorSerialize(
  text: string,
  cols: number,
  rows: number,
  runs: number,
): Promise<number> {
  const mirrors = new MirrorWorker();
  try {
    const mirror = mirrors.open({ cols, rows });
    mirror.write(text);
    await mirror.serialize({ settled: true });
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await mirror.serialize({ settled: true });
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  } finally {
    await mirrors.dispose();
  }
}
