import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_CHARS_PER_TICK,
  BACKGROUND_TICK_MS,
  ECHO_PAINT_MS,
  INPUT_HOLD_MS,
  MAX_BACKGROUND_GAP_MS,
  OutputPacer,
  WRITE_PIECE_CHARS,
  type Timers,
} from '../../src-renderer/features/terminal/output-pacer';

/** Timers advanced by hand, and an xterm stand-in that parses when told to. */
function harness() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 1;
  const fake: Timers = {
    setTimeout(run, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.run();
    }
    now = until;
  };
  const pacer = new OutputPacer(fake);
  const terminal = () => {
    const written: string[] = [];
    const unparsed: Array<() => void> = [];
    const acked: number[] = [];
    const feed = pacer.open(
      (data, parsed) => {
        written.push(data);
        unparsed.push(parsed);
      },
      (chars) => acked.push(chars),
    );
    const parseAll = () => {
      for (const parsed of unparsed.splice(0)) parsed();
    };
    return { feed, written, acked, parseAll, text: () => written.join('') };
  };
  return { advance, terminal, pacer, pendingTimers: () => timers.length };
}

describe('terminal output pacing', () => {
  it('writes the foreground terminal at once and acks only what xterm parsed', () => {
    const { terminal } = harness();
    const t = terminal();
    t.feed.setForeground(true);
    t.feed.push('echo');
    expect(t.written).toEqual(['echo']);
    expect(t.acked).toEqual([]);
    t.parseAll();
    expect(t.acked).toEqual([4]);
  });

  it('hands a large frame to xterm in pieces, each acked as soon as it is parsed', () => {
    const { terminal } = harness();
    const t = terminal();
    t.feed.setForeground(true);
    const frame = Array.from({ length: 3 * WRITE_PIECE_CHARS + 100 }, (_, i) =>
      String.fromCharCode(97 + (i % 26)),
    ).join('');
    t.feed.push(frame);
    expect(t.written.map((piece) => piece.length)).toEqual([
      WRITE_PIECE_CHARS,
      WRITE_PIECE_CHARS,
      WRITE_PIECE_CHARS,
      100,
    ]);
    expect(t.text()).toBe(frame);
    // The host hears of the first piece while xterm still has the rest to parse.
    t.parseAll();
    expect(t.acked).toEqual([WRITE_PIECE_CHARS, WRITE_PIECE_CHARS, WRITE_PIECE_CHARS, 100]);
  });

  it('gives background terminals one batch per tick, in turns, keeping order and acking late', () => {
    const { advance, terminal } = harness();
    const a = terminal();
    const b = terminal();
    const flood = 'x'.repeat(BACKGROUND_CHARS_PER_TICK * 2 + 10);
    a.feed.push(flood);
    b.feed.push('b-output');
    // Nothing reaches xterm before the tick, and nothing is acked.
    expect(a.written).toEqual([]);
    expect(b.written).toEqual([]);
    advance(BACKGROUND_TICK_MS);
    // One terminal per tick.
    expect(a.written.length + b.written.length).toBe(1);
    a.parseAll();
    b.parseAll();
    advance(BACKGROUND_TICK_MS);
    a.parseAll();
    b.parseAll();
    expect(b.text()).toBe('b-output');
    advance(BACKGROUND_TICK_MS * 4);
    a.parseAll();
    advance(BACKGROUND_TICK_MS * 4);
    a.parseAll();
    expect(a.text()).toBe(flood);
    expect(Math.max(...a.written.map((chunk) => chunk.length))).toBe(BACKGROUND_CHARS_PER_TICK);
    expect(a.acked.reduce((sum, chars) => sum + chars, 0)).toBe(flood.length);
  });

  it('holds background batches after a key until its echo has had a frame', () => {
    const { advance, terminal, pacer } = harness();
    const background = terminal();
    const focused = terminal();
    focused.feed.setForeground(true);
    background.feed.push('a'.repeat(100));
    advance(BACKGROUND_TICK_MS);
    expect(background.written).toHaveLength(1);
    background.parseAll();

    background.feed.push('b'.repeat(100));
    pacer.noteInput();
    // The next tick falls inside the key's hold: nothing goes to xterm before the echo.
    advance(BACKGROUND_TICK_MS + 4);
    expect(background.written).toHaveLength(1);
    focused.feed.push('x');
    // The echo gets its display frame first.
    advance(ECHO_PAINT_MS - 1);
    expect(background.written).toHaveLength(1);
    advance(1);
    expect(background.written).toHaveLength(2);
    expect(background.text()).toBe('a'.repeat(100) + 'b'.repeat(100));
  });

  it('lets a key without an echo hold background batches only briefly, and typing never starves them', () => {
    const { advance, terminal, pacer } = harness();
    const background = terminal();
    background.feed.push('a'.repeat(10));
    advance(BACKGROUND_TICK_MS);
    background.parseAll();
    background.feed.push('b'.repeat(10));
    pacer.noteInput();
    advance(INPUT_HOLD_MS);
    expect(background.written).toHaveLength(2);
    background.parseAll();

    // A key every 10 ms, none echoed: a batch still goes out at least every MAX_BACKGROUND_GAP_MS.
    for (let t = 0; t < 3 * MAX_BACKGROUND_GAP_MS; t += 10) {
      background.feed.push('c');
      pacer.noteInput();
      advance(10);
      background.parseAll();
    }
    expect(background.written.length).toBeGreaterThanOrEqual(2 + 3);
  });

  it('holds a background terminal whose last batch is not parsed yet', () => {
    const { advance, terminal } = harness();
    const a = terminal();
    a.feed.push('y'.repeat(BACKGROUND_CHARS_PER_TICK * 3));
    advance(BACKGROUND_TICK_MS);
    expect(a.written).toHaveLength(1);
    // xterm is behind (a busy page): no more is handed over until it catches up.
    advance(BACKGROUND_TICK_MS * 5);
    expect(a.written).toHaveLength(1);
    a.parseAll();
    advance(BACKGROUND_TICK_MS);
    expect(a.written).toHaveLength(2);
  });

  it('hands everything queued over in order when a terminal comes to the foreground', () => {
    const { advance, terminal, pendingTimers } = harness();
    const a = terminal();
    a.feed.push('one,');
    a.feed.push('two,');
    expect(a.feed.queuedChars).toBe(8);
    a.feed.setForeground(true);
    a.feed.push('three');
    expect(a.text()).toBe('one,two,three');
    expect(a.feed.queuedChars).toBe(0);
    advance(BACKGROUND_TICK_MS * 3);
    expect(a.text()).toBe('one,two,three');
    expect(pendingTimers()).toBe(0);
  });

  it('forgets a disposed terminal: no writes and no acks after dispose', () => {
    const { advance, terminal } = harness();
    const a = terminal();
    a.feed.setForeground(true);
    a.feed.push('shown');
    a.feed.dispose();
    a.parseAll();
    a.feed.push('later');
    a.feed.setForeground(false);
    advance(BACKGROUND_TICK_MS * 2);
    expect(a.written).toEqual(['shown']);
    expect(a.acked).toEqual([]);
  });
});
