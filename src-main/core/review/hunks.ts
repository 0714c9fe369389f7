import type { DiffHunk } from '../../../src-shared/contract';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A hunk header line as git prints it, or null when the line is not one. */
export function parseHunkHeader(line: string): DiffHunk | null {
  const match = HUNK_HEADER.exec(line);
  if (!match) return null;
  return {
    oldStart: Number(match[1]),
    // An omitted count means one line.
    oldLines: match[2] === undefined ? 1 : Number(match[2]),
    newStart: Number(match[3]),
    newLines: match[4] === undefined ? 1 : Number(match[4]),
    header: line,
  };
}

function patchLines(patch: string): string[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The hunks of a `git diff -U<n>` patch, in order. Lines of content always start with ' ', '+',
 * '-' or '\', so a line starting with `@@ ` is always a header.
 */
export function parseHunks(patch: string): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  for (const line of patchLines(patch)) {
    if (!line.startsWith('@@ ')) continue;
    const hunk = parseHunkHeader(line);
    if (hunk) hunks.push(hunk);
  }
  return hunks;
}

/** Whether the file section a hunk sits in creates or deletes the file (and with which mode). */
export type HunkFileState = { kind: 'modified' } | { kind: 'created' | 'deleted'; mode: string };

export interface FoundHunk {
  file: HunkFileState;
  /** The header line and the hunk's lines, without a final newline. */
  lines: string[];
}

/** The hunk of `patch` whose header line is exactly `header`, with what its file section does. */
export function findHunk(patch: string, header: string): FoundHunk | null {
  let file: HunkFileState = { kind: 'modified' };
  const lines = patchLines(patch);
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.startsWith('diff --git ')) file = { kind: 'modified' };
    else if (line.startsWith('new file mode ')) file = { kind: 'created', mode: line.slice(14) };
    else if (line.startsWith('deleted file mode ')) file = { kind: 'deleted', mode: line.slice(18) };
    else if (line === header && parseHunkHeader(line)) {
      let end = index + 1;
      while (end < lines.length && !lines[end]!.startsWith('@@ ') && !lines[end]!.startsWith('diff --git '))
        end += 1;
      return { file, lines: lines.slice(index, end) };
    }
  }
  return null;
}

/**
 * A path as a patch names it. Anything beyond plain characters is C-quoted, which `git apply`
 * reads back exactly (spaces, tabs, quotes and newlines would otherwise confuse its name parsing).
 */
export function quotePatchPath(path: string): string {
  if (/^[A-Za-z0-9._/+@-]+$/.test(path)) return path;
  const escaped = path.replace(/[\\"\t\n\r]/g, (char) => {
    switch (char) {
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      default:
        return `\\${char}`;
    }
  });
  return `"${escaped}"`;
}

/**
 * A patch of one hunk of one file, for `git apply -R`. The file is named by its current path on
 * both sides: a hunk of a renamed file is undone in place, never renamed back.
 */
export function buildHunkPatch(path: string, hunk: FoundHunk): string {
  const a = quotePatchPath(`a/${path}`);
  const b = quotePatchPath(`b/${path}`);
  const head = [`diff --git ${a} ${b}`];
  if (hunk.file.kind === 'created') head.push(`new file mode ${hunk.file.mode}`, '--- /dev/null', `+++ ${b}`);
  else if (hunk.file.kind === 'deleted')
    head.push(`deleted file mode ${hunk.file.mode}`, `--- ${a}`, '+++ /dev/null');
  else head.push(`--- ${a}`, `+++ ${b}`);
  return `${[...head, ...hunk.lines].join('\n')}\n`;
}
