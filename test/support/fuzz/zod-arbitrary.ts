import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from the contract's zod 4 schemas: values of the right shape with
 * random content. Bounds (lengths, ranges, patterns) come from the schema's checks; refinements
 * (`.refine`) are not modelled, so a generated value may still fail them: callers decide validity
 * with the schema itself, never by trusting the generator.
 */

/** The parts of zod 4's internal definition this walker reads (zod exposes them as `_zod.def`). */
interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
  items?: z.ZodType[];
  checks?: Array<{ _zod: { def: CheckDef } }>;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

export function zodDef(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Generation caps: the schemas allow 200,000-character messages and 100,000-item arrays; a fuzz run must stay fast. */
const MAX_GENERATED_STRING = 64;
const MAX_GENERATED_ITEMS = 4;
const MAX_DEPTH = 8;

/** Lets a caller choose the values of fields it knows (ids, paths, commands), by field name. */
export type FieldOverride = (key: string, schema: z.ZodType) => fc.Arbitrary<unknown> | undefined;

export interface WalkOptions {
  override: FieldOverride;
  /** Any string where the schema only bounds its length. */
  freeString: (minLength: number, maxLength: number) => fc.Arbitrary<string>;
}

export interface Bounds {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer: boolean;
  pattern?: RegExp;
  format?: string;
}

export function boundsOf(schema: z.ZodType): Bounds {
  const bounds: Bounds = { integer: false };
  for (const check of zodDef(schema).checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'min_length') bounds.min = def.minimum;
    else if (def.check === 'max_length') bounds.max = def.maximum;
    else if (def.check === 'greater_than') {
      bounds.min = def.value;
      bounds.minExclusive = def.inclusive === false;
    } else if (def.check === 'less_than') {
      bounds.max = def.value;
      bounds.maxExclusive = def.inclusive === false;
    } else if (def.check === 'number_format') bounds.integer = true;
    else if (def.check === 'string_format') {
      if (def.pattern) bounds.pattern = def.pattern;
      bounds.format = def.format;
    }
  }
  return bounds;
}

function numberArbitrary(bounds: Bounds): fc.Arbitrary<number> {
  if (bounds.integer) {
    const min = Math.ceil((bounds.min ?? Number.MIN_SAFE_INTEGER) + (bounds.minExclusive ? 1 : 0));
    const max = Math.floor((bounds.max ?? Number.MAX_SAFE_INTEGER) - (bounds.maxExclusive ? 1 : 0));
    // Small values reach the interesting code (real sizes, counts); the bounds are tried too.
    return fc.oneof(
      fc.integer({ min, max: Math.min(max, Math.max(min, 0) + 1000) }),
      fc.constantFrom(min, max),
      fc.integer({ min, max }),
    );
  }
  return fc.double({
    min: bounds.min ?? -1e12,
    max: bounds.max ?? 1e12,
    minExcluded: bounds.minExclusive ?? false,
    maxExcluded: bounds.maxExclusive ?? false,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function stringArbitrary(bounds: Bounds, options: WalkOptions): fc.Arbitrary<string> {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  if (bounds.pattern) {
    return fc.stringMatching(bounds.pattern).filter((text) => text.length >= min && text.length <= max);
  }
  if (bounds.format === 'url') {
    return fc.constantFrom('http://127.0.0.1:9/', 'http://127.0.0.1:9/v1', 'https://127.0.0.1:9/x?y=1');
  }
  return options.freeString(min, Math.min(max, Math.max(min, MAX_GENERATED_STRING)));
}

/** An object's key is optional when its schema is `.optional()` or has a `.default()`. */
export function isOptionalField(schema: z.ZodType): boolean {
  const type = zodDef(schema).type;
  return type === 'optional' || type === 'default';
}

/** An arbitrary of values shaped like `schema`; `key` is the field name it sits under (for overrides). */
export function arbitraryFor(
  schema: z.ZodType,
  options: WalkOptions,
  key = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const overridden = options.override(key, schema);
  if (overridden) return overridden;
  const def = zodDef(schema);
  const inner = (child: z.ZodType, childKey = key) => arbitraryFor(child, options, childKey, depth + 1);
  if (depth > MAX_DEPTH) return fc.constant(null);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const entries = Object.entries(shape);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [field, fieldSchema] of entries) record[field] = inner(fieldSchema, field);
      const requiredKeys = entries.filter(([, s]) => !isOptionalField(s)).map(([field]) => field);
      return fc.record(record, { requiredKeys });
    }
    case 'string':
      return stringArbitrary(boundsOf(schema), options);
    case 'number':
      return numberArbitrary(boundsOf(schema));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType as z.ZodType);
    case 'nullable':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 3, arbitrary: inner(def.innerType as z.ZodType) },
      );
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => inner(option)));
    case 'array': {
      const bounds = boundsOf(schema);
      const minLength = bounds.min ?? 0;
      const maxLength = Math.min(bounds.max ?? MAX_GENERATED_ITEMS, Math.max(minLength, MAX_GENERATED_ITEMS));
      return fc.array(inner(def.element as z.ZodType), { minLength, maxLength });
    }
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map((item) => inner(item)));
    case 'record':
      return fc.dictionary(
        inner(def.keyType as z.ZodType, `${key}[key]`) as fc.Arbitrary<string>,
        inner(def.valueType as z.ZodType, `${key}[value]`),
        { maxKeys: MAX_GENERATED_ITEMS },
      );
    case 'pipe':
      return inner(def.in as z.ZodType);
    case 'lazy':
      return inner((def.getter as () => z.ZodType)());
    default:
      // unknown, any and anything newer: JSON of any shape.
      return fc.jsonValue({ maxDepth: 2 });
  }
}
