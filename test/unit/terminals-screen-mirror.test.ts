import { describe, expect, it } from 'vitest';
import { createScreenMirror } from '../../src-main/core/terminals/screen-mirror';

/** What a client terminal shows after being fed `data` (the mirror is a faithful xterm). */
async function render(data: string, cols = 40, rows = 6): Promise<string> {
  const replay = createScreenMirror({ cols, rows });
  replay.write(data);
  await replay.settled();
  const text = replay.serialize();
  replay.dispose();
  return text;
}

describe('screen mirror', () => {
  it('includes output that xterm has not parsed yet, so attach never misses a chunk', async () => {
    const parsed: number[] = [];
    const mirror = createScreenMirror({ cols: 40, rows: 6, onParsed: (chars) => parsed.push(chars) });
    mirror.write('first line\r\n');
    mirror.write('second\r\n');
    // xterm parses asynchronously: nothing is parsed yet, but the screen already has it.
    expect(parsed).toEqual([]);
    expect(mirror.unparsedChars).toBe(20);
    const early = mirror.serialize();
    expect(early).toContain('first line');
    expect(early).toContain('second');
    await mirror.settled();
    expect(parsed).toEqual([12, 8]);
    expect(mirror.unparsedChars).toBe(0);
    mirror.dispose();
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
    for (let split = 0; split <= chunks.length; split += 1) {
      for (const settleFirst of [false, true]) {
        const mirror = createScreenMirror({ cols: 40, rows: 6 });
        for (const chunk of chunks.slice(0, split)) mirror.write(chunk);
        if (settleFirst) await mirror.settled();
        const screen = mirror.serialize();
        mirror.dispose();
        expect(await render(screen + chunks.slice(split).join(''))).toBe(whole);
      }
    }
  });

  it('keeps scrollback up to its limit', async () => {
    const mirror = createScreenMirror({ cols: 20, rows: 5, scrollback: 50 });
    for (let i = 0; i < 200; i += 1) mirror.write(`row-${i}\r\n`);
    await mirror.settled();
    const screen = mirror.serialize();
    expect(screen).toContain('row-199');
    expect(screen).toContain('row-160');
    expect(screen).not.toContain('row-100\r');
    mirror.dispose();
    expect(mirror.serialize()).toBe('');
  });
});
