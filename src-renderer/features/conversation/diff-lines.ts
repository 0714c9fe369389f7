/** How a line of a unified diff or a Codex patch is drawn. */
export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'header' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

const HEADER_PREFIXES = [
  '+++ ',
  '--- ',
  'diff --git ',
  'index ',
  'new file mode',
  'deleted file mode',
  '*** ',
];

export function classifyDiffLine(line: string): DiffLineKind {
  if (HEADER_PREFIXES.some((prefix) => line.startsWith(prefix)) || line === '***') return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}

/** Lines of a diff (or patch) with their kinds; a trailing newline does not make an empty last line. */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((text) => ({ kind: classifyDiffLine(text), text }));
}

/** Added and removed line counts, for a change's "+3 −1" summary. */
export function diffStats(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diffLines(diff)) {
    if (line.kind === 'add') added += 1;
    else if (line.kind === 'remove') removed += 1;
  }
  return { added, removed };
}
