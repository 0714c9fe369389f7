import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemScrub } from '../../src-main/core/agents/scrub/item-scrub';
import { createOutputScrubber } from '../../src-main/core/agents/scrub/output-scrubber';
import {
  compileSecrets,
  marker,
  MIN_FRAGMENT_CHARS,
  MIN_SECRET_CHARS,
  scrubSecrets,
  SecretStream,
  type NamedSecret,
  type SecretSet,
} from '../../src-main/core/agents/scrub/secret-matcher';
import { keyStoreOver, type SecretVault } from '../../src-main/core/agents/settings/key-store';

const KEY: NamedSecret = { name: 'openai key', value: 'sk-live-0123456789abcdef' };
const TOKEN: NamedSecret = { name: 'mcp/user/github/env/GITHUB_TOKEN', value: 'ghp_ZYXWVUTSRQ987654' };

/** Streams `chunks` through a scrubber of `set`; every piece it let out, in order. */
function streamed(set: SecretSet, chunks: readonly string[]): string[] {
  const stream = new SecretStream(() => set);
  return [...chunks.map((chunk) => stream.push(chunk)), stream.end()];
}

/** Pieces of `value` at least `size` long found in `text` (a value must not survive even in part). */
function piecesIn(text: string, value: string, size = MIN_FRAGMENT_CHARS): string[] {
  const found: string[] = [];
  for (let at = 0; at + size <= value.length; at++) {
    const piece = value.slice(at, at + size);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

describe('scrubSecrets', () => {
  it('replaces each value with a marker naming it, never the value', () => {
    const set = compileSecrets([KEY, TOKEN]);
    const text = `OPENAI=${KEY.value}\ntoken: ${TOKEN.value} and again ${KEY.value}.`;
    expect(scrubSecrets(set, text)).toBe(
      `OPENAI=${marker(KEY.name)}\ntoken: ${marker(TOKEN.name)} and again ${marker(KEY.name)}.`,
    );
    expect(piecesIn(scrubSecrets(set, text), KEY.value)).toEqual([]);
  });

  it('leaves values shorter than the minimum alone, so common words are not mangled', () => {
    const short = 'x'.repeat(MIN_SECRET_CHARS - 1);
    const exact = 'y'.repeat(MIN_SECRET_CHARS);
    const set = compileSecrets([
      { name: 'debug flag', value: 'true' },
      { name: 'short', value: short },
      { name: 'exact', value: exact },
      { name: 'empty', value: '' },
    ]);
    expect(set.secrets.map((secret) => secret.name)).toEqual(['exact']);
    expect(scrubSecrets(set, `true ${short} ${exact}`)).toBe(`true ${short} ${marker('exact')}`);
  });

  it('keeps the first name of a value known under two', () => {
    const set = compileSecrets([KEY, { name: 'OPENAI_API_KEY', value: KEY.value }]);
    expect(scrubSecrets(set, KEY.value)).toBe(marker(KEY.name));
  });

  it('replaces overlapping values as one run, leaving no piece of either', () => {
    const a = { name: 'a', value: 'aaaa1111' };
    const b = { name: 'b', value: '1111bbbb' };
    const set = compileSecrets([a, b]);
    const scrubbed = scrubSecrets(set, 'x aaaa1111bbbb y');
    expect(scrubbed).toBe(`x ${marker('a')}${marker('b')} y`);
    expect([...piecesIn(scrubbed, a.value), ...piecesIn(scrubbed, b.value)]).toEqual([]);
    // One value inside another: both are named, neither is left.
    const inner = compileSecrets([
      { name: 'long', value: 'prefix-abcdefgh-suffix' },
      { name: 'inner', value: 'abcdefgh' },
    ]);
    expect(scrubSecrets(inner, '1 prefix-abcdefgh-suffix 2 abcdefgh')).toBe(
      `1 ${marker('long')}${marker('inner')} 2 ${marker('inner')}`,
    );
  });

  it('with cut ends, scrubs the pieces of a value a cut left, and not shorter ones', () => {
    const set = compileSecrets([KEY]);
    const head = `log line\n${KEY.value.slice(0, 10)}`;
    const tail = `${KEY.value.slice(10)}\nmore`;
    expect(scrubSecrets(set, head, { end: true })).toBe(`log line\n${marker(KEY.name)}`);
    expect(scrubSecrets(set, tail, { start: true })).toBe(`${marker(KEY.name)}\nmore`);
    const tiny = KEY.value.slice(0, MIN_FRAGMENT_CHARS - 1);
    expect(scrubSecrets(set, `ok ${tiny}`, { end: true })).toBe(`ok ${tiny}`);
    // Without the cut flags, a piece is only text.
    expect(scrubSecrets(set, head)).toBe(head);
  });
});

describe('SecretStream', () => {
  const set = compileSecrets([KEY, TOKEN]);
  const text = `before ${KEY.value} middle ${TOKEN.value}${KEY.value} after`;
  const whole = scrubSecrets(set, text);

  it('finds a value split across two chunks at every offset', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const pieces = streamed(set, [text.slice(0, cut), text.slice(cut)]);
      expect(pieces.join(''), `cut at ${cut}`).toBe(whole);
      for (const piece of pieces) expect(piecesIn(piece, KEY.value, KEY.value.length)).toEqual([]);
    }
  });

  it('finds values cut into three chunks at every pair of offsets', () => {
    const short = `a${KEY.value}b${TOKEN.value}`;
    const expected = scrubSecrets(set, short);
    for (let first = 0; first <= short.length; first++) {
      for (let second = first; second <= short.length; second++) {
        const chunks = [short.slice(0, first), short.slice(first, second), short.slice(second)];
        expect(streamed(set, chunks).join('')).toBe(expected);
      }
    }
  });

  it('holds back no more than the longest value less one character', () => {
    const stream = new SecretStream(() => set);
    const out = stream.push(`plain text then ${KEY.value.slice(0, -1)}`);
    expect(out).toBe('plain text then ');
    expect(KEY.value.length - 1).toBeLessThanOrEqual(set.longest - 1);
    expect(stream.push('!')).toBe(`${KEY.value.slice(0, -1)}!`);
    // Text that cannot start a value passes at once.
    expect(stream.push('nothing held here ')).toBe('nothing held here ');
    expect(stream.holding).toBe(false);
  });

  it('gives what scrubbing the whole text gives, for many values and any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '-'), minLength: 8, maxLength: 14 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (values, picks, cuts) => {
          const secrets = values.map((value, index) => ({ name: `s${index}`, value }));
          const many = compileSecrets(secrets);
          const text = picks
            .map((pick) => `${values[pick % values.length]}${pick % 3 === 0 ? ' ' : ''}`)
            .join('x');
          const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...offsets].map((start, index) =>
            text.slice(start, [...offsets, text.length][index]),
          );
          const scrubbed = scrubSecrets(many, text);
          expect(streamed(many, chunks).join('')).toBe(scrubbed);
          for (const { value } of many.secrets) expect(scrubbed.includes(value)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ItemScrub', () => {
  const scrubber = {
    text: (text: string) => scrubSecrets(compileSecrets([KEY]), text),
    stream: () => new SecretStream(() => compileSecrets([KEY])),
  };

  it('scrubs every string of an item, nested ones too', () => {
    const scrub = new ItemScrub(scrubber);
    const fields = {
      kind: 'file_change',
      patch: KEY.value,
      changes: [{ path: 'a', diff: `+${KEY.value}` }],
      exitCode: 0,
    };
    expect(scrub.fields(fields)).toEqual({
      kind: 'file_change',
      patch: marker(KEY.name),
      changes: [{ path: 'a', diff: `+${marker(KEY.name)}` }],
      exitCode: 0,
    });
    expect(fields.patch).toBe(KEY.value);
  });

  it('keeps a stream per item and stream kind, and gives the held tails at the end', () => {
    const scrub = new ItemScrub(scrubber);
    const half = KEY.value.length / 2;
    const out = [
      scrub.delta('i1', 'output', `$ env\nKEY=${KEY.value.slice(0, half)}`),
      scrub.delta('i2', 'output', 'other item '),
      scrub.delta('i1', 'output', KEY.value.slice(half, -2)),
    ];
    expect(out).toEqual(['$ env\nKEY=', 'other item ', '']);
    // The stream ended short of the value: what was held is only text, given back at the end.
    expect(scrub.end('i1')).toEqual([{ stream: 'output', text: KEY.value.slice(0, -2) }]);
    expect(scrub.delta('i3', 'text', `x${KEY.value}`)).toBe(`x${marker(KEY.name)}`);
    expect(scrub.end('i2')).toEqual([]);
  });
});

/** The key store over a vault in memory: the store's own logic, with no file under it. */
function memoryKeyStore(env: NodeJS.ProcessEnv) {
  const stored: Record<string, string> = {};
  const vault: SecretVault = {
    read: () => Promise.resolve({ ...stored }),
    update: (change) => Promise.resolve(change(stored)),
    storage: () => Promise.resolve({ kind: 'file', detail: null }),
  };
  return keyStoreOver(vault, env);
}

describe('createOutputScrubber', () => {
  it('knows provider keys, environment keys and named secrets, and follows writes', async () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-from-the-environment-42' };
    const scrubber = createOutputScrubber(memoryKeyStore(env), env);
    const keys = scrubber.keys;
    await keys.set('openai', KEY.value);
    await keys.named.set('mcp/user/github/env/GITHUB_TOKEN', TOKEN.value);
    await keys.named.set('otlp/header/x-short', 'abc');
    const text = `${KEY.value} ${TOKEN.value} ${env.ANTHROPIC_API_KEY} abc`;
    expect(scrubber.text(text)).toBe(
      `${marker('openai key')} ${marker(TOKEN.name)} ${marker('ANTHROPIC_API_KEY')} abc`,
    );
    await keys.named.delete([TOKEN.name]);
    await keys.set('openai', null);
    expect(scrubber.text(text)).toBe(`${KEY.value} ${TOKEN.value} ${marker('ANTHROPIC_API_KEY')} abc`);
  });

  it('sees a value written behind its back once refreshed (a hand edit of the key file)', async () => {
    const inner = memoryKeyStore({});
    const scrubber = createOutputScrubber(inner, {});
    await inner.named.set('otlp/header/authorization', 'Bearer collector-token-77');
    expect(scrubber.text('Bearer collector-token-77')).toBe('Bearer collector-token-77');
    await scrubber.refresh();
    expect(scrubber.text('Bearer collector-token-77')).toBe(marker('otlp/header/authorization'));
  });
});
