import type { ConflictHunk } from '../../../src-shared/contract';

/** Git's default marker size (`conflict-marker-size` attribute). */
const MARKER_SIZE = 7;

type Marker = 'start' | 'base' | 'middle' | 'end';

function markerOf(line: string): Marker | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const char = text[0];
  if (char !== '<' && char !== '|' && char !== '=' && char !== '>') return null;
  if (text.slice(0, MARKER_SIZE) !== char.repeat(MARKER_SIZE)) return null;
  // Exactly the marker size: longer runs are markers of a nested (virtual base) merge, or content.
  const after = text[MARKER_SIZE];
  if (after !== undefined && after !== ' ') return null;
  if (char === '=') return after === undefined ? 'middle' : null;
  return char === '<' ? 'start' : char === '|' ? 'base' : 'end';
}

function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The conflicted regions of a merged file with git's markers (`merge` or `diff3`/`zdiff3` style):
 * the lines it spans (1-based, markers included) and each side's text. A region left open at the
 * end of the file is not reported.
 */
export function parseConflictMarkers(text: string): ConflictHunk[] {
  const lines = text.split('\n');
  const hunks: ConflictHunk[] = [];
  let open: { start: number; ours: string[]; theirs: string[]; part: 'ours' | 'base' | 'theirs' } | null =
    null;
  lines.forEach((line, index) => {
    const marker = markerOf(line);
    if (marker === 'start') {
      open = { start: index + 1, ours: [], theirs: [], part: 'ours' };
      return;
    }
    if (open === null) return;
    if (marker === 'base' && open.part === 'ours') open.part = 'base';
    else if (marker === 'middle' && open.part !== 'theirs') open.part = 'theirs';
    else if (marker === 'end' && open.part === 'theirs') {
      hunks.push({
        mergedStart: open.start,
        mergedEnd: index + 1,
        ours: joinLines(open.ours),
        theirs: joinLines(open.theirs),
      });
      open = null;
    } else if (open.part === 'ours') open.ours.push(line);
    else if (open.part === 'theirs') open.theirs.push(line);
  });
  return hunks;
}
