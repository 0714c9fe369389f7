import type { GitQueue, UnmergedPath, UnmergedStage } from '../git';

/**
 * Sides larger than this are not sent as text (each of the three would cross the wire and open in
 * an editor); they count as binary, so the user resolves them by picking a side. Monaco stays usable
 * at a few megabytes; the review's 1 MiB inline limit is for diffs of many files at once.
 */
export const REBASE_TEXT_LIMIT_BYTES = 5 * 1024 * 1024;
/** How git itself decides a blob is binary: a NUL among its first 8,000 bytes (xdiff's `buffer_is_binary`). */
const BINARY_SNIFF_CHARS = 8_000;
/** A submodule's stage has a commit, not a blob. */
const GITLINK_MODE = '160000';

export function looksBinary(text: string): boolean {
  return text.slice(0, BINARY_SNIFF_CHARS).includes('\0');
}

/** Paths whose `diff` attribute is unset (`-diff`, or the `binary` macro): git never shows them as text. */
async function binaryByAttribute(git: GitQueue, worktree: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const { stdout } = await git.run(['check-attr', '-z', '--stdin', 'diff'], {
    cwd: worktree,
    input: `${paths.join('\0')}\0`,
    env: { GIT_OPTIONAL_LOCKS: '0' },
  });
  const fields = stdout.split('\0');
  const binary = new Set<string>();
  for (let i = 0; i + 2 < fields.length; i += 3) {
    if (fields[i + 2] === 'unset') binary.add(fields[i] ?? '');
  }
  return binary;
}

async function blobSizes(git: GitQueue, worktree: string, ids: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  const { stdout } = await git.run(['cat-file', '--batch-check=%(objectname) %(objectsize)'], {
    cwd: worktree,
    input: `${[...new Set(ids)].join('\n')}\n`,
  });
  for (const line of stdout.split('\n')) {
    const [id, size] = line.split(' ');
    if (id && size && size !== 'missing') sizes.set(id, Number(size));
  }
  return sizes;
}

/** The text of each side of a conflicted path, or null for a side that has no file. */
export interface StageTexts {
  1: string | null;
  2: string | null;
  3: string | null;
  binary: boolean;
}

const STAGES = [1, 2, 3] as const;

/**
 * Reads the sides of conflicted paths as text, deciding which are binary on the way. Binary paths
 * get null sides; blobs are read once each, in one `batch-check` for the sizes and one `cat-file`
 * per side small enough to show.
 */
export async function readStageTexts(
  git: GitQueue,
  worktree: string,
  entries: UnmergedPath[],
): Promise<Map<string, StageTexts>> {
  const stagesOf = (entry: UnmergedPath): UnmergedStage[] =>
    STAGES.map((stage) => entry.stages[stage]).filter((side): side is UnmergedStage => side !== null);
  const [byAttribute, sizes] = await Promise.all([
    binaryByAttribute(
      git,
      worktree,
      entries.map((entry) => entry.path),
    ),
    blobSizes(
      git,
      worktree,
      entries.flatMap((entry) =>
        stagesOf(entry)
          .filter((side) => side.mode !== GITLINK_MODE)
          .map((side) => side.object),
      ),
    ),
  ]);
  const texts = new Map<string, StageTexts>();
  for (const entry of entries) {
    const result: StageTexts = { 1: null, 2: null, 3: null, binary: byAttribute.has(entry.path) };
    for (const stage of STAGES) {
      const side = entry.stages[stage];
      if (result.binary || side === null) continue;
      if (side.mode === GITLINK_MODE) {
        // What `git diff` shows for a submodule.
        result[stage] = `Subproject commit ${side.object}\n`;
        continue;
      }
      if ((sizes.get(side.object) ?? Number.POSITIVE_INFINITY) > REBASE_TEXT_LIMIT_BYTES) {
        result.binary = true;
        continue;
      }
      const text = (await git.run(['cat-file', 'blob', side.object], { cwd: worktree })).stdout;
      if (looksBinary(text)) result.binary = true;
      else result[stage] = text;
    }
    if (result.binary) texts.set(entry.path, { 1: null, 2: null, 3: null, binary: true });
    else texts.set(entry.path, result);
  }
  return texts;
}
