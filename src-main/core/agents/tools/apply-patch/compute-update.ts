import { SkeinError } from '../../../../../src-shared/contract/errors';
import { seekSequence } from './seek-sequence';
import { joinText, splitText, type TextLine } from './text-lines';
import type { UpdateChunk } from './types';

/** How many of a failed hunk's expected lines the error quotes: enough to recognise it. */
const QUOTED_LINES = 3;

interface Replacement {
  start: number;
  removeCount: number;
  insert: string[];
  /** Parallel to `insert`: which removed line a context line repeats (see UpdateChunk). */
  sources: (number | null)[];
}

/**
 * Applies the hunks of one `*** Update File` to `content` in memory, in order, each searched from
 * where the previous one ended (compute_replacements in codex-rs/apply-patch/src/lib.rs).
 * Untouched and context lines keep their own text and terminators (Codex rewrites context lines
 * with the patch's spelling, which silently strips whitespace that only matched loosely); added
 * lines take the file's dominant terminator.
 */
export function applyChunks(content: string, chunks: readonly UpdateChunk[], displayPath: string): string {
  const split = splitText(content);
  const texts = split.lines.map((line) => line.text);
  const replacements: Replacement[] = [];
  let cursor = 0;

  chunks.forEach((chunk, index) => {
    for (const anchor of chunk.anchors) {
      const found = seekSequence(texts, [anchor], cursor, false);
      if (found === -1)
        throw hunkError(displayPath, index, chunk, `could not find the anchor line '@@ ${anchor}'`);
      cursor = found + 1;
    }
    if (chunk.oldLines.length === 0) {
      replacements.push({
        start: pureAdditionIndex(texts, chunk, cursor),
        removeCount: 0,
        insert: chunk.newLines,
        sources: chunk.contextSources,
      });
      return;
    }
    const match = locate(texts, chunk, cursor);
    if (match === null)
      throw hunkError(displayPath, index, chunk, 'could not find its context and removed lines');
    replacements.push(match);
    cursor = match.start + match.removeCount;
  });

  return joinText(split, applyReplacements(split.lines, replacements));
}

/**
 * Codex appends a hunk with no context or removed lines at the end of the file (before a final
 * blank line). With an `@@ anchor` we insert right after the anchor instead: that is what the
 * anchor says, and appending far away from it surprises the model and the reviewer alike.
 */
function pureAdditionIndex(texts: readonly string[], chunk: UpdateChunk, cursor: number): number {
  if (chunk.anchors.length > 0 && !chunk.isEndOfFile) return cursor;
  return texts.length > 0 && texts[texts.length - 1] === '' ? texts.length - 1 : texts.length;
}

/**
 * Finds the hunk's old lines. A trailing empty line in a hunk usually stands for the file's final
 * newline, which splitting removed, so on a miss Codex retries without it; we do so repeatedly.
 */
function locate(texts: readonly string[], chunk: UpdateChunk, cursor: number): Replacement | null {
  let pattern = chunk.oldLines;
  let insert = chunk.newLines;
  let sources = chunk.contextSources;
  for (;;) {
    const start = seekSequence(texts, pattern, cursor, chunk.isEndOfFile);
    if (start !== -1) return { start, removeCount: pattern.length, insert, sources };
    if (pattern.length <= 1 || pattern[pattern.length - 1] !== '') return null;
    pattern = pattern.slice(0, -1);
    if (insert[insert.length - 1] === '') {
      insert = insert.slice(0, -1);
      sources = sources.slice(0, -1);
    }
  }
}

function applyReplacements(lines: readonly TextLine[], replacements: readonly Replacement[]): TextLine[] {
  const result = [...lines];
  const ordered = [...replacements].sort((a, b) => a.start - b.start);
  // From the bottom up, so earlier indices stay valid.
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const { start, removeCount, insert, sources } = ordered[index] as Replacement;
    const removed = result.slice(start, start + removeCount);
    const inserted = insert.map((text, offset): TextLine => {
      const source = sources[offset];
      // A context line stays exactly as the file had it (text and terminator), even if it matched loosely.
      const original = source === null || source === undefined ? undefined : removed[source];
      return original ?? { text, eol: null };
    });
    result.splice(start, removeCount, ...inserted);
  }
  return result;
}

function hunkError(displayPath: string, index: number, chunk: UpdateChunk, problem: string): SkeinError {
  const expected = chunk.oldLines.slice(0, QUOTED_LINES);
  const quoted = expected.length > 0 ? `\n${expected.map((line) => `  ${line}`).join('\n')}` : '';
  return new SkeinError(
    'INVALID_PARAMS',
    `Hunk ${index + 1} of ${displayPath} (patch line ${chunk.line}) did not apply: ${problem}.${quoted}\nRead the file again and resend the whole patch with context lines copied from it. No file was changed.`,
    { reason: 'hunk-mismatch', file: displayPath, hunk: index + 1, patchLine: chunk.line, expected },
  );
}
