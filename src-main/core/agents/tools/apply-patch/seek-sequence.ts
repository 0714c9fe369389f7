/**
 * Finds `pattern` in `lines` at or after `start`, as Codex's seek_sequence does: exact first, then
 * ignoring trailing whitespace, then ignoring leading and trailing whitespace, then also folding
 * typographic punctuation (dashes, quotes, odd spaces) to ASCII. Each pass scans the whole range
 * before the next, looser one runs, so an exact match later in the file beats a loose one earlier.
 * With `atEndOfFile` only a match ending at the last line counts. Returns -1 when nothing matches.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  atEndOfFile: boolean,
): number {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return -1;
  const from = atEndOfFile ? lines.length - pattern.length : start;
  for (const normalize of PASSES) {
    const wanted = pattern.map(normalize);
    for (let index = from; index <= lines.length - pattern.length; index += 1) {
      if (matchesAt(lines, wanted, index, normalize)) return index;
    }
  }
  return -1;
}

type Normalize = (line: string) => string;

const PASSES: readonly Normalize[] = [
  (line) => line,
  (line) => line.trimEnd(),
  (line) => line.trim(),
  (line) => foldPunctuation(line.trim()),
];

function matchesAt(
  lines: readonly string[],
  wanted: readonly string[],
  index: number,
  normalize: Normalize,
): boolean {
  for (let offset = 0; offset < wanted.length; offset += 1) {
    if (normalize(lines[index + offset] ?? '') !== wanted[offset]) return false;
  }
  return true;
}

/** The code points Codex folds (seek_sequence.rs `normalise`). */
const PUNCTUATION_FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/[\u2018\u2019\u201A\u201B]/g, "'"],
  [/[\u201C\u201D\u201E\u201F]/g, '"'],
  [/[\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000]/g, ' '],
];

function foldPunctuation(line: string): string {
  let folded = line;
  for (const [pattern, replacement] of PUNCTUATION_FOLDS) folded = folded.replace(pattern, replacement);
  return folded;
}
