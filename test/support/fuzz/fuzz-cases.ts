import fc from 'fast-check';
import type { z } from 'zod';
import { methods, type MethodName } from '../../../src-shared/contract';
import { freeStringArbitrary, HEAVY_METHODS, worldOverrides, type FuzzWorld } from './fuzz-values';
import { arbitraryFor, zodDef } from './zod-arbitrary';

/**
 * One generated message, as data (fast-check prints it on failure). The request id is not part of it:
 * `renderCase` gives each frame a fresh one, so answers can be matched to frames.
 */
export type IdStyle = 'number' | 'string' | 'none' | { bad: unknown };

export type TextCorruption =
  | { type: 'truncate'; at: number }
  | { type: 'insert'; at: number; text: string }
  | { type: 'number'; literal: string };

export type FuzzCase =
  | { kind: 'message'; method: string; params: unknown; id: IdStyle; envelope: EnvelopeChange | null }
  | { kind: 'corrupt'; method: string; params: unknown; id: IdStyle; corruption: TextCorruption }
  | { kind: 'raw'; text: string };

export type EnvelopeChange =
  | { field: 'jsonrpc' | 'method' | 'params'; value: unknown }
  | { field: 'jsonrpc' | 'method' | 'params' | 'id'; remove: true }
  | { field: 'extra'; key: string; value: unknown };

/** Values of the wrong type for any field: JSON's edge numbers, empty and odd containers. */
const WRONG_VALUES: unknown[] = [
  123,
  -0,
  1e308,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  {},
  'str',
  '',
  [null],
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  { constructor: { prototype: { polluted: true } } },
];

/** Sizes past the contract's bounds (ids 64, names 255, paths 4,096, messages 200,000), capped to keep runs fast. */
const HUGE_SIZES = [65, 256, 4_097, 70_000, 200_001];
// JSON.stringify recurses: deeper values are sent as raw text (see rawArbitrary).
const DEEP_LEVELS = [64, 1_000];
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'extra', ''];

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** Sets an own property, even `__proto__` (an assignment would change the prototype instead). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, existing] of Object.entries(target)) {
    Object.defineProperty(copy, name, {
      value: existing,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

type ParamsMutation =
  | { op: 'extra'; key: string; value: unknown }
  | { op: 'drop'; pick: number }
  | { op: 'retype'; pick: number; value: unknown }
  | { op: 'huge'; pick: number; size: number }
  | { op: 'deep'; pick: number; depth: number }
  | { op: 'replace'; value: unknown };

const mutationArbitrary: fc.Arbitrary<ParamsMutation> = fc.oneof(
  fc.record({
    op: fc.constant('extra' as const),
    key: fc.constantFrom(...EXTRA_KEYS),
    value: fc.constantFrom(...WRONG_VALUES),
  }),
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({
    op: fc.constant('huge' as const),
    pick: fc.nat(),
    // Mostly just past the common bounds; the 70,000 and 200,001 sizes one time in twenty.
    size: fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...HUGE_SIZES.slice(0, 3)) },
      { weight: 1, arbitrary: fc.constantFrom(...HUGE_SIZES.slice(3)) },
    ),
  }),
  fc.record({ op: fc.constant('deep' as const), pick: fc.nat(), depth: fc.constantFrom(...DEEP_LEVELS) }),
  fc.record({
    op: fc.constant('replace' as const),
    value: fc.constantFrom<unknown>([], [1, 2], 'params', 42, true, null, [{ threadId: 'x' }]),
  }),
);

function applyMutation(params: unknown, keys: string[], mutation: ParamsMutation): unknown {
  const base = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const key =
    keys.length > 0 && 'pick' in mutation ? (keys[mutation.pick % keys.length] as string) : 'threadId';
  switch (mutation.op) {
    case 'extra':
      return withOwn(base, mutation.key, mutation.value);
    case 'drop': {
      const copy = { ...base };
      delete copy[key];
      return copy;
    }
    case 'retype':
      return withOwn(base, key, mutation.value);
    case 'huge':
      return withOwn(base, key, 'x'.repeat(mutation.size));
    case 'deep':
      return withOwn(base, key, nested(mutation.depth));
    case 'replace':
      return mutation.value;
  }
}

const idStyleArbitrary: fc.Arbitrary<IdStyle> = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom<IdStyle>('number', 'string') },
  { weight: 1, arbitrary: fc.constant<IdStyle>('none') },
);

const badIdArbitrary: fc.Arbitrary<IdStyle> = fc.record({
  bad: fc.constantFrom<unknown>(null, 1.5, true, {}, [], [1], { id: 1 }, 'i'.repeat(129), -0.5, 1e300),
});

const envelopeArbitrary: fc.Arbitrary<EnvelopeChange> = fc.oneof(
  fc.record({
    field: fc.constant('jsonrpc' as const),
    value: fc.constantFrom<unknown>('1.0', 2, 2.0, null, '', ' 2.0'),
  }),
  fc.record({
    field: fc.constant('method' as const),
    value: fc.constantFrom<unknown>(
      'nope/nothing',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'host/info ',
      'HOST/INFO',
      'host/info\0',
      'm'.repeat(10_000),
      '',
      42,
      null,
      ['host/info'],
      { name: 'host/info' },
    ),
  }),
  fc.record({
    field: fc.constant('params' as const),
    value: fc.constantFrom<unknown>([], ['x'], 'x', 7, false),
  }),
  fc.record({
    field: fc.constantFrom('jsonrpc' as const, 'method' as const, 'params' as const, 'id' as const),
    remove: fc.constant(true as const),
  }),
  fc.record({
    field: fc.constant('extra' as const),
    key: fc.constantFrom('result', 'error', '__proto__', 'batch'),
    value: fc.constantFrom<unknown>(1, null, {}),
  }),
);

const corruptionArbitrary: fc.Arbitrary<TextCorruption> = fc.oneof(
  fc.record({ type: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    type: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom(
      '\0',
      '\uD800',
      '\uDC00',
      '\u0001',
      '}',
      '{',
      ',',
      '"',
      '\\',
      'NaN',
      '\u2028',
      'null',
      '\r',
    ),
  }),
  fc.record({
    type: fc.constant('number' as const),
    literal: fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '1e308',
      '1e999',
      '0x1F',
      '01',
      '1.',
      '.5',
      '+1',
      '-',
    ),
  }),
);

const rawArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      '{',
      '}',
      '[]',
      '[{"jsonrpc":"2.0","method":"host/info"}]',
      '"x"',
      '42',
      'null',
      'true',
      '{"a":}',
      "{'jsonrpc':'2.0'}",
      '\u0000',
      'NaN',
      '{"jsonrpc":"2.0","method":"host/info","params":{}}garbage',
      '{"jsonrpc":"2.0","method":"host/info"} {"jsonrpc":"2.0","method":"host/info"}',
      '\uFEFF{"jsonrpc":"2.0","method":"host/info"}',
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      `{"jsonrpc":"2.0","method":"x","params":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`,
    ),
  },
  { weight: 10, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }) },
  // Big frames are rare: they cost the generator and the pipe more than they teach.
  {
    weight: 1,
    arbitrary: fc.constant(`{"jsonrpc":"2.0","method":"${'x'.repeat(300_000)}"`),
  },
);

/** Weights: methods that do slow work (HEAVY_METHODS) come up a sixth as often as the others. */
const LIGHT_WEIGHT = 6;
const HEAVY_WEIGHT = 1;

/** Every contract method, each with its generated params: valid-shaped, mutated, enveloped or corrupted. */
export function fuzzCaseArbitrary(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const freeString = freeStringArbitrary(world.root);
  const perMethod = (Object.keys(methods) as MethodName[]).map((method) => {
    const schema = methods[method].params as z.ZodType;
    const params = arbitraryFor(schema, { override: worldOverrides(world, method), freeString });
    const keys = Object.keys(zodDef(schema).shape ?? {});
    const message = fc.oneof(
      { weight: 12, arbitrary: fc.record({ params, id: idStyleArbitrary, envelope: fc.constant(null) }) },
      {
        weight: 4,
        arbitrary: fc.record({
          params: fc
            .tuple(params, mutationArbitrary)
            .map(([value, mutation]) => applyMutation(value, keys, mutation)),
          id: idStyleArbitrary,
          envelope: fc.constant(null),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          params,
          id: fc.oneof(idStyleArbitrary, badIdArbitrary),
          envelope: envelopeArbitrary,
        }),
      },
      { weight: 1, arbitrary: fc.record({ params, id: badIdArbitrary, envelope: fc.constant(null) }) },
    );
    const corrupt = fc.record({ params, id: idStyleArbitrary, corruption: corruptionArbitrary });
    const forMethod: fc.Arbitrary<FuzzCase> = fc.oneof(
      { weight: 9, arbitrary: message.map((value) => ({ kind: 'message' as const, method, ...value })) },
      { weight: 1, arbitrary: corrupt.map((value) => ({ kind: 'corrupt' as const, method, ...value })) },
    );
    return { weight: HEAVY_METHODS.has(method) ? HEAVY_WEIGHT : LIGHT_WEIGHT, arbitrary: forMethod };
  });
  return fc.oneof(
    { weight: 30, arbitrary: fc.oneof(...perMethod) },
    { weight: 1, arbitrary: rawArbitrary.map((text) => ({ kind: 'raw' as const, text })) },
  );
}

/** The id a frame is sent with; numbers start high so they never meet the setup client's own ids. */
export function idFor(style: IdStyle, sequence: number): unknown {
  if (style === 'number') return 1_000_000_000 + sequence;
  if (style === 'string') return `fz-${sequence}`;
  if (style === 'none') return undefined;
  return style.bad;
}

function messageObject(
  fuzzCase: { method: string; params: unknown; id: IdStyle },
  sequence: number,
): Record<string, unknown> {
  const id = idFor(fuzzCase.id, sequence);
  return {
    jsonrpc: '2.0',
    ...(id === undefined ? {} : { id }),
    method: fuzzCase.method,
    params: fuzzCase.params,
  };
}

function applyEnvelope(message: Record<string, unknown>, change: EnvelopeChange): Record<string, unknown> {
  if ('remove' in change) {
    const copy = { ...message };
    delete copy[change.field];
    return copy;
  }
  if (change.field === 'extra') return withOwn(message, change.key, change.value);
  return withOwn(message, change.field, change.value);
}

function corruptText(text: string, corruption: TextCorruption): string {
  const at = 'at' in corruption ? Math.floor(corruption.at * text.length) : 0;
  switch (corruption.type) {
    case 'truncate':
      return text.slice(0, Math.max(1, at));
    case 'insert':
      return `${text.slice(0, at)}${corruption.text}${text.slice(at)}`;
    case 'number':
      return text.replace(/(:)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/, `$1${corruption.literal}`);
  }
}

/**
 * The frame's text. One frame is one line, so a newline anywhere (only a corruption can put one there)
 * becomes a space; the text is what the host will decode from UTF-8 (lone surrogates become U+FFFD).
 */
export function renderCase(fuzzCase: FuzzCase, sequence: number): string {
  let text: string;
  if (fuzzCase.kind === 'raw') text = fuzzCase.text;
  else if (fuzzCase.kind === 'corrupt')
    text = corruptText(JSON.stringify(messageObject(fuzzCase, sequence)), fuzzCase.corruption);
  else {
    const message = messageObject(fuzzCase, sequence);
    text = JSON.stringify(fuzzCase.envelope ? applyEnvelope(message, fuzzCase.envelope) : message);
  }
  text = text.replace(/\n/g, ' ');
  return Buffer.from(text, 'utf8').toString('utf8');
}
