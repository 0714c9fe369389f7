import { readdirSync, readFileSync } from 'node:fs';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { MIRROR_WORKER_NICE } from '../../src-main/core/terminals/constants';
import { planMirrorSkip } from '../../src-main/core/terminals/mirror-skip';
import {
  MirrorWorker,
  mirrorWorkerSource,
  type MirrorWorkerOptions,
} from '../../src-main/core/terminals/mirror-worker';
import {
  runMirrorWorker,
  type FromMirrorWorker,
  type MirrorWorkerBatch,
  type ToMirrorWorker,
} from '../../src-main/core/terminals/mirror-worker-body';
import { waitUntil } from '../support/terminal-fixtures';

const workers: MirrorWorker[] = [];

function startMirrors(source?: string, deferral?: MirrorWorkerOptions['deferral']): MirrorWorker {
  const mirrors = new MirrorWorker({ ...(source === undefined ? {} : { source }), deferral });
  workers.push(mirrors);
  return mirrors;
}

afterEach(async () => {
  for (const mirrors of workers.splice(0)) await mirrors.dispose();
});

/** The stream parsed in full by a plain headless xterm, serialized as a mirror serializes. */
async function fullParse(data: string, cols: number, rows: number, scrollback: number): Promise<string> {
  const full = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
  const serializer = new SerializeAddon();
  full.loadAddon(serializer);
  await new Promise<void>((resolve) => full.write(data, resolve));
  const text = serializer.serialize();
  full.dispose();
  return text;
}

/** What a client terminal shows after being fed `data` (the mirror is a faithful xterm). */
async function render(data: string, cols = 40, rows = 6): Promise<string> {
  const replay = (workers[0] ?? startMirrors()).open({ cols, rows });
  replay.write(data);
  const text = await replay.serialize({ settled: true });
  replay.dispose();
  return text;
}

describe('screen mirror (worker thread)', () => {
  it('includes output that xterm has not parsed yet, so attach never misses a chunk', async () => {
    const parsed: number[] = [];
    const mirror = startMirrors().open({ cols: 40, rows: 6, onParsed: (chars) => parsed.push(chars) });
    mirror.write('first line\r\n');
    mirror.write('second\r\n');
    // The worker parses later: nothing is parsed yet, but the screen already has it.
    expect(parsed).toEqual([]);
    expect(mirror.unparsedChars).toBe(20);
    const early = await mirror.serialize();
    expect(early).toContain('first line');
    expect(early).toContain('second');
    await mirror.serialize({ settled: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(parsed.reduce((sum, chars) => sum + chars, 0)).toBe(20);
    expect(mirror.unparsedChars).toBe(0);
  });

  it('serialized screen + later output renders the same as the whole stream, wherever the split falls', async () => {
    const chunks = [
      '\x1b[31mred\x1b[0m text\r\n',
      'line two\r\n',
      '\x1b[1mbold',
      ' tail\r\n',
      'l3\r\nl4\r\nl5\r\nl6\r\nl7\r\n',
      'end',
    ];
    const whole = await render(chunks.join(''));
    const mirrors = startMirrors();
    for (let split = 0; split <= chunks.length; split += 1) {
      for (const settled of [false, true]) {
        const mirror = mirrors.open({ cols: 40, rows: 6 });
        for (const chunk of chunks.slice(0, split)) mirror.write(chunk);
        const screen = await mirror.serialize({ settled });
        // Written after the request: not in this screen.
        mirror.write('LATER');
        mirror.dispose();
        expect(screen).not.toContain('LATER');
        expect(await render(screen + chunks.slice(split).join(''))).toBe(whole);
      }
    }
  });

  it('keeps scrollback up to its limit, and a disposed mirror answers empty', async () => {
    const mirror = startMirrors().open({ cols: 20, rows: 5, scrollback: 50 });
    for (let i = 0; i < 200; i += 1) mirror.write(`row-${i}\r\n`);
    const screen = await mirror.serialize({ settled: true });
    expect(screen).toContain('row-199');
    expect(screen).toContain('row-160');
    expect(screen).not.toContain('row-100\r');
    mirror.dispose();
    expect(await mirror.serialize()).toBe('');
  });

  it('takes a flood in ahead of parsing, and parses it once asked, skipping only what scrolled out', async () => {
    // Timers too long to fire in this test: only the size cap and the serialize request parse.
    // Plain output is acknowledged ahead once a check (every 50,000 chars here) found it skippable.
    const mirrors = startMirrors(undefined, {
      quietMs: 60_000,
      maxDelayMs: 60_000,
      maxChars: 400_000,
      maxUnskippableChars: 50_000,
    });
    const acked: number[] = [];
    const mirror = mirrors.open({
      cols: 40,
      rows: 6,
      scrollback: 100,
      onParsed: (chars) => acked.push(chars),
    });
    const line = (i: number) => `\x1b[3${i % 8}mline ${i}\x1b[0m ${'x'.repeat(i % 50)}\r\n`;
    const flood = Array.from({ length: 3_000 }, (_, i) => line(i)).join('');
    for (let at = 0; at < flood.length; at += 4_096) mirror.write(flood.slice(at, at + 4_096));
    const prompt = '\x1b[1mprompt$ ';
    mirror.write(prompt);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // All of it acknowledged (under the cap), none of it waiting on the pty's side.
    expect(acked.reduce((sum, chars) => sum + chars, 0)).toBe(flood.length + prompt.length);
    expect(mirror.unparsedChars).toBe(0);

    // The same stream parsed in full, in this thread.
    const expected = await fullParse(flood + prompt, 40, 6, 100);
    expect(await mirror.serialize({ settled: true })).toBe(expected);
    expect(expected).toContain('line 2999');
    expect(expected).not.toContain('line 2800');
  });

  it('parses a backlog once the terminal pauses, and never skips on the alternate screen', async () => {
    const mirrors = startMirrors(undefined, { quietMs: 30, maxDelayMs: 60_000, maxChars: 4_000_000 });
    const mirror = mirrors.open({ cols: 20, rows: 4, scrollback: 10 });
    const rows = Array.from({ length: 200 }, (_, i) => `row ${i}\r\n`).join('');
    mirror.write(`\x1b[?1049h${rows}\x1b[?1049lback`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Parsed already (the pause), so a non-settled serialize has nothing raw left to append.
    const screen = await mirror.serialize();
    expect(screen).toContain('back');
    expect(screen).not.toContain('row ');
  });

  it('acknowledges what waits once the pty is held, instead of waiting for output to go quiet', async () => {
    // Output below the first check (1 M chars) waits for quiet, which never comes here (60 s).
    const mirrors = startMirrors(undefined, { quietMs: 60_000, maxDelayMs: 60_000 });
    let acked = 0;
    const mirror = mirrors.open({
      cols: 40,
      rows: 6,
      scrollback: 100,
      onParsed: (chars) => (acked += chars),
    });
    const text = Array.from({ length: 2_000 }, (_, i) => `line ${i}\r\n`).join('');
    mirror.write(text);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(acked).toBe(0);
    // Flow control paused the pty: a paused pty is quiet, so waiting for quiet would hold it for good.
    mirror.held();
    await waitUntil(() => acked === text.length, 5_000, 'the held output to be acknowledged');
    expect(await mirror.serialize({ settled: true })).toBe(await fullParse(text, 40, 6, 100));
  });

  it("drops a flood's scrolled-out output while the flood lasts, so xterm never parses it", async () => {
    // The worker's body on this thread, with an xterm that counts what it is handed.
    const handed: number[] = [];
    class CountingTerminal extends Terminal {
      override write(data: string | Uint8Array, callback?: () => void): void {
        handed.push(data.length);
        super.write(data, callback);
      }
    }
    let deliver: ((batch: MirrorWorkerBatch) => void) | undefined;
    const replies: FromMirrorWorker[] = [];
    runMirrorWorker(
      { on: (_event, listener) => (deliver = listener), postMessage: (message) => replies.push(message) },
      {
        Terminal: CountingTerminal,
        SerializeAddon,
        planSkip: planMirrorSkip,
        deferral: { quietMs: 60_000, maxDelayMs: 60_000, maxChars: 400_000, maxUnskippableChars: 50_000 },
      },
    );
    const send = (...messages: ToMirrorWorker[]) => deliver?.({ messages });
    send({ type: 'open', id: 'm', cols: 40, rows: 6, scrollback: 100 });
    const line = (i: number) => `\x1b[3${i % 8}mline ${i}\x1b[0m ${'x'.repeat(i % 30)}\r\n`;
    // Over three times the size cap, which parsed a batch before the flood's output was dropped as it came.
    const flood = Array.from({ length: 40_000 }, (_, i) => line(i)).join('');
    expect(flood.length).toBeGreaterThan(3 * 400_000);
    for (let at = 0; at < flood.length; at += 4_096) {
      send({ type: 'write', id: 'm', data: flood.slice(at, at + 4_096) });
    }
    await new Promise((resolve) => setImmediate(resolve));
    const acked = replies
      .flatMap((reply) => (reply.type === 'parsed' ? reply.counts.map(([, chars]) => chars) : []))
      .reduce((sum, chars) => sum + chars, 0);
    expect(acked).toBe(flood.length);
    expect(handed).toEqual([]);

    send({ type: 'serialize', id: 'm', request: 1, settled: true });
    await waitUntil(
      () => replies.some((reply) => reply.type === 'serialized'),
      5_000,
      'the serialized screen',
    );
    const serialized = replies.find((reply) => reply.type === 'serialized');
    expect(serialized?.type === 'serialized' && serialized.text).toBe(await fullParse(flood, 40, 6, 100));
    // Only the last lines were parsed: the scrollback, the screen and a little more.
    const parsed = handed.reduce((sum, chars) => sum + chars, 0);
    expect(parsed).toBeGreaterThan(0);
    expect(parsed).toBeLessThan(60_000);
    send({ type: 'close', id: 'm' });
  });

  it('keeps several terminals apart and follows resizes', async () => {
    const mirrors = startMirrors();
    const a = mirrors.open({ cols: 30, rows: 4 });
    const b = mirrors.open({ cols: 30, rows: 4 });
    a.write('alpha-1\r\n');
    b.write('beta-1\r\n');
    a.resize(10, 4);
    a.write('0123456789abc');
    const [screenA, screenB] = await Promise.all([
      a.serialize({ settled: true }),
      b.serialize({ settled: true }),
    ]);
    expect(screenA).toContain('alpha-1');
    expect(screenA).not.toContain('beta');
    expect(screenB).toContain('beta-1');
    // At 10 columns the long line wraps after 0123456789.
    expect(await render(screenA, 10, 4)).toContain('0123456789');
  });

  it("reports the worker's heap and scrollback buffers, which grow with lines kept and shrink when a mirror closes", async () => {
    const mirrors = startMirrors();
    expect(await mirrors.heap(true)).toBeNull(); // no worker yet
    const mirror = mirrors.open({ cols: 120, rows: 30, scrollback: 3_000 });
    await mirror.serialize({ settled: true });
    const empty = await mirrors.heap(true);
    mirror.write(Array.from({ length: 3_000 }, (_, line) => `line ${line}`).join('\r\n'));
    await mirror.serialize({ settled: true });
    const full = await mirrors.heap(true);
    mirror.dispose();
    const closed = await mirrors.heap(true);
    expect(empty?.usedBytes).toBeGreaterThan(0);
    // 3,000 more lines of 120 cells at 12 bytes a cell: over 4 MB of typed arrays.
    expect((full?.arrayBuffersBytes ?? 0) - (empty?.arrayBuffersBytes ?? 0)).toBeGreaterThan(4 * 2 ** 20);
    expect(closed?.arrayBuffersBytes ?? Infinity).toBeLessThan((full?.arrayBuffersBytes ?? 0) / 2);
  });

  it('runs the mirrors on the host thread when no worker can start', async () => {
    const mirrors = startMirrors("throw new Error('no workers here');");
    const mirror = mirrors.open({ cols: 30, rows: 4 });
    mirror.write('before the fallback\r\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The first mirror went with the failed worker; the next one runs inline.
    const again = mirrors.open({ cols: 30, rows: 4 });
    again.write('inline-ok\r\n');
    expect(await again.serialize({ settled: true })).toContain('inline-ok');
  });

  it('reports mirrors lost when the worker dies, and starts a new worker for the next one', async () => {
    // The real worker, plus a trap: a write holding CRASH ends the thread.
    const source = `${mirrorWorkerSource()}
require('node:worker_threads').parentPort.on('message', (batch) => {
  if (batch.messages.some((m) => m.type === 'write' && m.data.includes('CRASH'))) process.exit(3);
});`;
    const mirrors = startMirrors(source);
    let lost = 0;
    const doomed = mirrors.open({ cols: 30, rows: 4, onLost: () => (lost += 1) });
    doomed.write('CRASH\r\n');
    const answer = doomed.serialize({ settled: true });
    await expect(answer).rejects.toThrow(/worker stopped/);
    expect(lost).toBe(1);
    expect(await doomed.serialize()).toBe('');
    const next = mirrors.open({ cols: 30, rows: 4 });
    next.write('after-crash\r\n');
    expect(await next.serialize({ settled: true })).toContain('after-crash');
  });

  it('runs the worker thread at a lower priority than the host thread (Linux)', async () => {
    const niceOfThreads = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Field 19 (nice), counted after the parenthesised command name.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const lowered = () => niceOfThreads().filter((nice) => nice >= MIRROR_WORKER_NICE).length;
    // An earlier test's worker may still be exiting: count once the figure holds still.
    let before = lowered();
    for (let previous = -1; before !== previous; before = lowered()) {
      previous = before;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mirror = startMirrors().open({ cols: 20, rows: 4 });
    mirror.write('up\r\n');
    await mirror.serialize({ settled: true });
    // One more thread runs at the lowered priority: the worker; the host's own threads keep theirs.
    expect(lowered()).toBe(before + 1);
  });
});
