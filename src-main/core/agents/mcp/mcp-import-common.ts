import {
  mcpServerConfigSchema,
  SkeinError,
  type McpImportCandidate,
  type McpServerConfig,
} from '../../../../src-shared/contract';

/**
 * What the import parsers find in one file, before `exists` is checked against the target layer.
 *
 * `problem` is every note on an entry. With `config: null` it says why the entry cannot be imported;
 * with a config it says what changed on the way (a name made valid, values read from the environment,
 * settings Skein does not have), so the user sees it before saving.
 */
export type ParsedCandidate = Omit<McpImportCandidate, 'exists'>;

/** What a raw entry became: a config to validate, or why there is none, and notes either way. */
export interface Translated {
  config: Record<string, unknown> | null;
  notes: string[];
}

const NAME_RULE = /^[A-Za-z0-9_-]{1,40}$/;
/** Skein's limit on server names (agent-models.ts). */
const NAME_MAX = 40;

/** A valid Skein name for `source`: other characters become "-", then cut to the length limit. */
export function sanitizeServerName(source: string): string {
  const cleaned = source
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, NAME_MAX)
    .replace(/-+$/, '');
  return cleaned || 'server';
}

/** A name not in `taken`: `name`, else `name-2`, `name-3`… (cut so the suffix fits). */
function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${name.slice(0, NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Plain objects only (a TOML table or a JSON object), not arrays or dates. */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Thrown inside a translation for a field of the wrong type; becomes the entry's problem. */
export class EntryProblem extends Error {}

export function optionalString(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new EntryProblem(`"${key}" must be a string.`);
  return value;
}

export function optionalStrings(entry: Record<string, unknown>, key: string): string[] | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new EntryProblem(`"${key}" must be a list of strings.`);
  return value;
}

export function optionalStringTable(
  entry: Record<string, unknown>,
  key: string,
): Record<string, string> | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (!isTable(value) || !Object.values(value).every((item) => typeof item === 'string'))
    throw new EntryProblem(`"${key}" must map names to strings.`);
  return value as Record<string, string>;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Turns each source entry into a candidate: translated, renamed to a valid and unique Skein name
 * when needed (the note says so), and checked against Skein's schema.
 */
export function buildCandidates(
  entries: ReadonlyArray<[string, unknown]>,
  translate: (entry: unknown) => Translated,
): ParsedCandidate[] {
  // Valid source names are kept as they are (a file's keys are unique); renamed ones avoid them all.
  const taken = new Set(entries.map(([sourceName]) => sourceName).filter((name) => NAME_RULE.test(name)));
  return entries.map(([sourceName, raw]) => {
    let translated: Translated;
    try {
      translated = translate(raw);
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      translated = { config: null, notes: [error.message] };
    }
    const notes = [...translated.notes];
    if (translated.config === null) return { sourceName, config: null, problem: notes.join(' ') };

    const name = NAME_RULE.test(sourceName) ? sourceName : uniqueName(sanitizeServerName(sourceName), taken);
    if (name !== sourceName) {
      notes.unshift(`Imported as "${name}": Skein names use 1–40 letters, digits, "-" or "_".`);
    }
    const parsed = mcpServerConfigSchema.safeParse({ name, ...translated.config });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) =>
        issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      );
      return { sourceName, config: null, problem: `Not a valid server: ${issues.join('; ')}.` };
    }
    taken.add(name);
    const config: McpServerConfig = parsed.data;
    return { sourceName, config, problem: notes.length > 0 ? notes.join(' ') : null };
  });
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function unreadableFile(
  path: string,
  what: string,
  reason: string,
  place?: { line: number; column: number },
) {
  const where = place ? ` (line ${place.line}, column ${place.column})` : '';
  return new SkeinError('INVALID_PARAMS', `${path} is not valid ${what}${where}: ${reason}`, {
    path,
    ...(place ?? {}),
  });
}
