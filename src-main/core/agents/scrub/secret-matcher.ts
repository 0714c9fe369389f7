/**
 * Finding the secret values the host knows in text an agent's tools produced, and replacing each
 * with a marker that names the secret, never its value nor any part of it. Pure: the live set of
 * secrets is kept by output-scrubber.ts.
 *
 * Only literal occurrences are found: base64, URL-encoding, hex or any other encoding of a value
 * passes through (no scrubber can know every encoding; the defence for those is that commands never
 * get the values in their environment, ADR 0021).
 */

/**
 * Values shorter than this are never scrubbed. Real tokens are 20 to 200 characters; short values an
 * MCP server's env may hold (`1`, `true`, `debug`, a port, a user name) are common words, and
 * replacing every `true` in a build log would mangle it while protecting nothing worth protecting.
 */
export const MIN_SECRET_CHARS = 8;

export interface NamedSecret {
  /** What the marker shows: `openai key`, `mcp/user/github/env/TOKEN`. Never the value. */
  name: string;
  value: string;
}

/** The secrets to look for, ready to match; build one per change of the known values. */
export interface SecretSet {
  readonly secrets: readonly NamedSecret[];
  /** The longest value's length: a stream holds back at most one less than this. */
  readonly longest: number;
}

/**
 * The shortest piece of a value scrubbed where text was cut (a capped output's dropped middle): a
 * piece that short says next to nothing about a 20+ character token (`sk-` is every OpenAI key's
 * start), and scrubbing shorter pieces would replace ordinary characters next to every cut.
 */
export const MIN_FRAGMENT_CHARS = 4;

/** Which ends of a text were cut out of a longer one: a value may be cut in two there. */
export interface CutEnds {
  /** The text starts mid-stream: its first characters may be a value's end. */
  start?: boolean;
  /** The text ends mid-stream: its last characters may be a value's start. */
  end?: boolean;
}

export const marker = (name: string): string => `[secret: ${name}]`;

/** The values worth scrubbing: long enough, each once (the first name given wins). */
export function compileSecrets(secrets: readonly NamedSecret[]): SecretSet {
  const seen = new Set<string>();
  const kept: NamedSecret[] = [];
  for (const secret of secrets) {
    if (secret.value.length < MIN_SECRET_CHARS || seen.has(secret.value)) continue;
    seen.add(secret.value);
    kept.push({ name: secret.name, value: secret.value });
  }
  return { secrets: kept, longest: kept.reduce((most, secret) => Math.max(most, secret.value.length), 0) };
}

export const NO_SECRETS: SecretSet = compileSecrets([]);

interface Occurrence {
  start: number;
  end: number;
  name: string;
}

/** Pieces of values at cut ends: a value's start ending the text, a value's end starting it. */
function fragments(set: SecretSet, text: string, cut: CutEnds): Occurrence[] {
  const found: Occurrence[] = [];
  for (const { name, value } of set.secrets) {
    for (let size = MIN_FRAGMENT_CHARS; size < value.length && size <= text.length; size++) {
      if (cut.end && text.endsWith(value.slice(0, size)))
        found.push({ start: text.length - size, end: text.length, name });
      if (cut.start && text.startsWith(value.slice(value.length - size)))
        found.push({ start: 0, end: size, name });
    }
  }
  return found;
}

/** Every occurrence of every value, overlapping ones included, by start (longest first at one start). */
function occurrences(set: SecretSet, text: string, cut: CutEnds): Occurrence[] {
  const found = fragments(set, text, cut);
  for (const { name, value } of set.secrets) {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      found.push({ start: at, end: at + value.length, name });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Where a value may begin that the text's end cuts off: the earliest position whose rest is a
 * proper prefix of some value. Text from there on must wait for the next chunk.
 */
function firstUnfinished(set: SecretSet, text: string): number {
  for (let at = Math.max(0, text.length - set.longest + 1); at < text.length; at++) {
    const rest = text.slice(at);
    if (set.secrets.some(({ value }) => value.length > rest.length && value.startsWith(rest))) return at;
  }
  return text.length;
}

/**
 * Scrubs `text` up to a point and returns what must wait. Overlapping occurrences (two values that
 * share characters) are replaced as one run, so no part of either value is left between markers.
 * With `final` nothing waits; otherwise the tail that may be the start of a value cut off by the
 * chunk's end (at most `longest - 1` characters), and any run reaching into it, are returned as
 * `rest` to be scanned again with the next chunk. Scanning a text in chunks this way gives exactly
 * what scanning it whole gives: every decision before the cut depends only on characters already seen.
 */
export function scanSecrets(
  set: SecretSet,
  text: string,
  final: boolean,
  ends: CutEnds = {},
): { scrubbed: string; rest: string } {
  if (set.secrets.length === 0 || text === '') return { scrubbed: text, rest: '' };
  let cut = final ? text.length : firstUnfinished(set, text);
  const runs: { start: number; end: number; names: string[] }[] = [];
  for (const found of occurrences(set, text, ends)) {
    const last = runs.at(-1);
    if (last && found.start < last.end) {
      last.end = Math.max(last.end, found.end);
      if (!last.names.includes(found.name)) last.names.push(found.name);
    } else runs.push({ start: found.start, end: found.end, names: [found.name] });
  }
  const straddling = runs.find((run) => run.start < cut && run.end > cut);
  if (straddling) cut = straddling.start;
  let scrubbed = '';
  let from = 0;
  for (const run of runs) {
    if (run.end > cut) break;
    scrubbed += text.slice(from, run.start) + run.names.map(marker).join('');
    from = run.end;
  }
  return { scrubbed: scrubbed + text.slice(from, cut), rest: text.slice(cut) };
}

/** `text` with every known value replaced by its marker (and pieces of values at its cut ends). */
export function scrubSecrets(set: SecretSet, text: string, ends: CutEnds = {}): string {
  return scanSecrets(set, text, true, ends).scrubbed;
}

/**
 * Scrubs a text that arrives in chunks (a command's live output). A value split across two chunks
 * is still found: the tail that may begin one is held back until the next chunk or `end`.
 * `set` is read at every chunk, so a key changed mid-stream applies from the next chunk.
 */
export class SecretStream {
  private held = '';

  constructor(private readonly set: () => SecretSet) {}

  /** What can be shown of the text so far. */
  push(chunk: string): string {
    const { scrubbed, rest } = scanSecrets(this.set(), this.held + chunk, false);
    this.held = rest;
    return scrubbed;
  }

  /** The held tail, scrubbed: the stream is over. */
  end(): string {
    const { scrubbed } = scanSecrets(this.set(), this.held, true);
    this.held = '';
    return scrubbed;
  }

  get holding(): boolean {
    return this.held !== '';
  }
}
