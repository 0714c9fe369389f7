import type { GitQueue } from '../git';
import { parseHunks, type LineHunk } from './line-spans';

/** How one file changed between two commits, as line hunks. */
export interface FileChange {
  /** The file was deleted (a rename counts: the path is gone) or is binary: every line is touched. */
  whole: boolean;
  hunks: LineHunk[];
}

/**
 * `git diff -U0` of one path between two commits. Renames are not followed on purpose: a comment
 * names a path, and a turn that moved the file away touched every line at that path. External
 * diff drivers and textconv are off so the hunks are git's own line numbers.
 */
export async function fileChange(
  git: GitQueue,
  cwd: string,
  from: string,
  to: string,
  path: string,
): Promise<FileChange> {
  const { stdout } = await git.run(
    [
      'diff',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      from,
      to,
      '--',
      `:(literal)${path}`,
    ],
    { cwd },
  );
  // Safe on the whole output: every line of a hunk's body starts with '+', '-', ' ' or '\'.
  const whole = /^deleted file mode /m.test(stdout) || /^Binary files .* differ$/m.test(stdout);
  return { whole, hunks: parseHunks(stdout) };
}
