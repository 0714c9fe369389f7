import { diffLines, type DiffOp } from './line-diff';
import { lineTexts } from './text-lines';

/** Lines of unchanged context around each change, as `git diff` and `diff -u` print by default. */
const CONTEXT_LINES = 3;
const NO_NEWLINE = '\\ No newline at end of file';

/**
 * A unified diff between two versions of a file (`null` = the file does not exist on that side).
 * Terminators are not compared (a CRLF file diffs like an LF one); a missing final newline is
 * marked the way git marks it.
 */
export function unifiedDiff(
  oldPath: string | null,
  newPath: string | null,
  before: string | null,
  after: string | null,
): string {
  const old = before === null ? { texts: [], finalNewline: true } : lineTexts(before);
  const next = after === null ? { texts: [], finalNewline: true } : lineTexts(after);
  const lastOld = old.texts.length - 1;
  const lastNew = next.texts.length - 1;
  const oldLacksNewline = (line: NumberedLine): boolean =>
    line.op.type !== 'insert' && line.oldIndex === lastOld && !old.finalNewline;
  const newLacksNewline = (line: NumberedLine): boolean =>
    line.op.type !== 'delete' && line.newIndex === lastNew && !next.finalNewline;
  // An unchanged line whose terminator appeared or vanished is a change: shown removed and re-added.
  const endingChanged = (line: NumberedLine): boolean =>
    line.op.type === 'equal' && oldLacksNewline(line) !== newLacksNewline(line);

  const body: string[] = [];
  for (const hunk of groupHunks(diffLines(old.texts, next.texts), endingChanged)) {
    body.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
    for (const line of hunk.lines) {
      if (endingChanged(line)) {
        body.push(`-${line.op.text}`);
        if (oldLacksNewline(line)) body.push(NO_NEWLINE);
        body.push(`+${line.op.text}`);
        if (newLacksNewline(line)) body.push(NO_NEWLINE);
        continue;
      }
      body.push(`${MARKERS[line.op.type]}${line.op.text}`);
      if (oldLacksNewline(line) || newLacksNewline(line)) body.push(NO_NEWLINE);
    }
  }
  if (body.length === 0) return '';
  const header = [
    `--- ${before === null || oldPath === null ? '/dev/null' : `a/${oldPath}`}`,
    `+++ ${after === null || newPath === null ? '/dev/null' : `b/${newPath}`}`,
  ];
  return `${[...header, ...body].join('\n')}\n`;
}

const MARKERS: Record<DiffOp['type'], string> = { equal: ' ', delete: '-', insert: '+' };

interface NumberedLine {
  op: DiffOp;
  oldIndex: number;
  newIndex: number;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: NumberedLine[];
}

function groupHunks(ops: readonly DiffOp[], endingChanged: (line: NumberedLine) => boolean): Hunk[] {
  const numbered: NumberedLine[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const op of ops) {
    numbered.push({ op, oldIndex, newIndex });
    if (op.type !== 'insert') oldIndex += 1;
    if (op.type !== 'delete') newIndex += 1;
  }
  const isChange = (index: number): boolean => {
    const line = numbered[index];
    if (!line) return false;
    return line.op.type !== 'equal' || endingChanged(line);
  };

  const hunks: Hunk[] = [];
  let index = 0;
  while (index < numbered.length) {
    if (!isChange(index)) {
      index += 1;
      continue;
    }
    const start = Math.max(0, index - CONTEXT_LINES);
    let end = index;
    // Extend while another change follows within twice the context (hunks would touch).
    for (let probe = index; probe < numbered.length && probe <= end + 2 * CONTEXT_LINES; probe += 1) {
      if (isChange(probe)) end = probe;
    }
    const stop = Math.min(numbered.length, end + CONTEXT_LINES + 1);
    const lines = numbered.slice(start, stop);
    hunks.push(summarize(lines));
    index = stop;
  }
  return hunks;
}

function summarize(lines: NumberedLine[]): Hunk {
  const first = lines[0] as NumberedLine;
  const oldCount = lines.filter((line) => line.op.type !== 'insert').length;
  const newCount = lines.filter((line) => line.op.type !== 'delete').length;
  return {
    oldStart: oldCount === 0 ? first.oldIndex : first.oldIndex + 1,
    oldCount,
    newStart: newCount === 0 ? first.newIndex : first.newIndex + 1,
    newCount,
    lines,
  };
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
