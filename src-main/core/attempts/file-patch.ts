/** One file's `git diff` output split into its header and its hunks, so chosen hunks can be re-joined. */
export interface SplitPatch {
  /** `diff --git`, mode and index lines, `---` and `+++`. */
  header: string[];
  /** Each hunk: its `@@` header line first, then its lines. */
  hunks: string[][];
  binary: boolean;
}

export function splitFilePatch(patch: string): SplitPatch {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header: string[] = [];
  const hunks: string[][] = [];
  let binary = false;
  for (const line of lines) {
    // Lines of content always start with ' ', '+', '-' or '\', so `@@ ` only ever opens a hunk.
    if (line.startsWith('@@ ')) hunks.push([line]);
    else if (hunks.length > 0) hunks[hunks.length - 1]!.push(line);
    else {
      if (line.startsWith('Binary files ') || line === 'GIT binary patch') binary = true;
      header.push(line);
    }
  }
  return { header, hunks, binary };
}

/**
 * A patch of the chosen hunks only. `git apply` places each hunk by its context (allowing an offset),
 * so the line numbers of hunks after a left-out one need no rewriting.
 */
export function joinHunks(split: SplitPatch, chosen: number[]): string {
  const lines = [...split.header];
  for (const index of [...new Set(chosen)].sort((a, b) => a - b)) lines.push(...(split.hunks[index] ?? []));
  return `${lines.join('\n')}\n`;
}
