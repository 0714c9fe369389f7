import { SerializeAddon } from '@xterm/addon-serialize';
import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { planMirrorSkip } from '../../src-main/core/terminals/mirror-skip';

/** Small PRNG so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const SGRS = [
  '\x1b[0m',
  '\x1b[m',
  '\x1b[31m',
  '\x1b[1;32m',
  '\x1b[0;44m',
  '\x1b[38;5;208m',
  '\x1b[48;2;10;20;30m',
  '\x1b[4:3m',
  '\x1b[7m',
  '\x1b[22;39m',
];
const WORDS = ['log', 'error', 'ok', '宽字', 'é', 'naïve', 'x'.repeat(30), '\t', 'ab\bc', '\x07'];
/** Output that is not plain: cursor moves, erases, modes, a title. */
const NOT_PLAIN = ['\x1b[2A', '\x1b[K', '\x1b[3;1H', '\x1b]0;title\x07', '\x1b[?25l', '\x1b[2J', '\x1bM'];

function plainLines(next: () => number, count: number): string {
  let out = '';
  for (let line = 0; line < count; line += 1) {
    const parts = Math.floor(next() * 5);
    for (let i = 0; i < parts; i += 1) out += next() < 0.3 ? pick(next, SGRS) : `${pick(next, WORDS)} `;
    // Mostly CR LF as a pty prints, sometimes a bare LF or CR (overprinting).
    out += next() < 0.85 ? '\r\n' : pick(next, ['\n', '\r', '\r\n\r\n']);
  }
  return out;
}

function feed(terminal: Terminal, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

async function screenAfter(parts: string[], cols: number, rows: number, scrollback: number) {
  const terminal = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
  const serializer = new SerializeAddon();
  terminal.loadAddon(serializer);
  for (const part of parts) await feed(terminal, part);
  const buffer = terminal.buffer.active;
  const result = {
    screen: serializer.serialize(),
    cursor: [buffer.cursorX, buffer.cursorY, buffer.baseY, buffer.length],
  };
  terminal.dispose();
  return result;
}

describe('planMirrorSkip', () => {
  it('drops only output whose effect the kept lines erase: the same screen, scrollback, pen and cursor', async () => {
    const cols = 24;
    const rows = 6;
    const scrollback = 30;
    const keep = scrollback + 2 * rows + 2;
    let skipped = 0;
    for (let seed = 1; seed <= 120; seed += 1) {
      const next = random(seed);
      // Whatever came before: any content, colors left on, the cursor anywhere, a wrap pending.
      const before =
        plainLines(next, Math.floor(next() * 40)) +
        pick(next, ['\x1b[3;5H', 'x'.repeat(cols), '\x1b[35m', '']);
      const stream =
        plainLines(next, keep + Math.floor(next() * 3 * keep)) +
        (next() < 0.5 ? pick(next, NOT_PLAIN) + plainLines(next, 5) : '') +
        pick(next, ['tail', '\x1b[1mbold', '']);
      const { plan } = planMirrorSkip(stream, keep);
      const whole = await screenAfter([before, stream], cols, rows, scrollback);
      const parts = plan ? [before, plan.replay, stream.slice(plan.cut)] : [before, stream];
      const withSkip = await screenAfter(parts, cols, rows, scrollback);
      expect(withSkip, `seed ${seed}`).toEqual(whole);
      if (plan) skipped += 1;
    }
    // The equality above must be tested on real skips, not on a planner that never skips.
    expect(skipped).toBeGreaterThan(100);
  });

  it('keeps everything when the plain part is shorter than the lines to keep', () => {
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i}\r\n`).join('');
    expect(planMirrorSkip(lines(50), 50).plan).toBeNull();
    // Plain output stops at the cursor move: only the 10 lines before it could be dropped, and 50 must stay.
    expect(planMirrorSkip(`${lines(10)}\x1b[2A${lines(500)}`, 50).plan).toBeNull();
    // Bare line feeds leave the column where it was: no cut without a CR LF.
    expect(planMirrorSkip('x\n'.repeat(500), 50).plan).toBeNull();
  });

  it('cuts after a CR LF, keeping exactly the lines asked for, and replays only the SGRs since the last reset', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `\x1b[3${i % 8}mrow ${i}\r\n`).join('');
    const text = `\x1b[1m${lines}`;
    const { plan } = planMirrorSkip(text, 40);
    expect(plan).not.toBeNull();
    expect(text.slice(plan!.cut).split('\n').length - 1).toBe(40);
    expect(text.slice(plan!.cut).startsWith('\x1b[34mrow 60')).toBe(true);
    // No reset in the dropped part: every SGR of it counts, bold included.
    expect(plan!.replay.startsWith('\x1b[1m\x1b[30m\x1b[31m')).toBe(true);
    expect(plan!.replay.endsWith('\x1b[33m\r\n')).toBe(true);

    const reset = planMirrorSkip(`\x1b[1m\x1b[44mred\x1b[0;35mx\r\n${'y\r\n'.repeat(60)}`, 10).plan;
    expect(reset?.replay).toBe('\x1b[0;35m\r\n');
  });

  it('scans on from an earlier scan of the same backlog to the same result as a scan from the start', () => {
    let compared = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const next = random(seed);
      const text =
        plainLines(next, 20 + Math.floor(next() * 80)) +
        (next() < 0.3 ? pick(next, NOT_PLAIN) : '') +
        plainLines(next, Math.floor(next() * 40));
      // The backlog grows read by read; reads end anywhere, often inside an SGR.
      let plainFrom = 0;
      let end = 0;
      while (end < text.length) {
        const escape = text.indexOf('\x1b[', end + 1);
        end =
          escape >= 0 && next() < 0.5
            ? escape + 1 + Math.floor(next() * 3)
            : Math.min(text.length, end + 1 + Math.floor(next() * 200));
        const backlog = text.slice(0, end);
        const onward = planMirrorSkip(backlog, 10, plainFrom);
        expect(onward, `seed ${seed} at ${end}`).toEqual(planMirrorSkip(backlog, 10));
        plainFrom = onward.plainEnd;
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
