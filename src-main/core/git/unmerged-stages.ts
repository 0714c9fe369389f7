import type { GitPriority, GitQueue } from './types';

/** One side of an unmerged path: its mode and blob, as the index holds it. */
export interface UnmergedStage {
  mode: string;
  object: string;
}

/** A path with unmerged index entries (a conflict git left for the user). */
export interface UnmergedPath {
  path: string;
  /** Git's two letters, e.g. `UU` (both modified), `AA` (both added), `DU` (deleted by us), `UD`. */
  status: string;
  /** Stage 1 (common ancestor), 2 (ours) and 3 (theirs); null where that side has no file. */
  stages: { 1: UnmergedStage | null; 2: UnmergedStage | null; 3: UnmergedStage | null };
}

/** Mode git writes for a stage that has no file. */
const NO_FILE_MODE = '000000';
/** Fields before the path in a porcelain v2 `u` record: `u XY sub m1 m2 m3 mW h1 h2 h3 <path>`. */
const U_RECORD_FIELDS = 10;

function stage(mode: string | undefined, object: string | undefined): UnmergedStage | null {
  if (!mode || !object || mode === NO_FILE_MODE || /^0+$/.test(object)) return null;
  return { mode, object };
}

/** The `u` records of `git status --porcelain=v2 -z`, in git's (path) order. */
export function parseUnmerged(output: string): UnmergedPath[] {
  const paths: UnmergedPath[] = [];
  for (const record of output.split('\0')) {
    if (!record.startsWith('u ')) continue;
    const fields = record.split(' ');
    if (fields.length <= U_RECORD_FIELDS) continue;
    const [, status, , m1, m2, m3, , h1, h2, h3] = fields;
    paths.push({
      path: fields.slice(U_RECORD_FIELDS).join(' '),
      status: status ?? '',
      stages: { 1: stage(m1, h1), 2: stage(m2, h2), 3: stage(m3, h3) },
    });
  }
  return paths;
}

/** Paths with unresolved conflicts in a worktree, with the blobs of each side. */
export async function listUnmerged(
  git: GitQueue,
  worktree: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<UnmergedPath[]> {
  const { stdout } = await git.run(['status', '--porcelain=v2', '-z', '--untracked-files=no'], {
    cwd: worktree,
    // Reading must never take the index lock from under the user's own git in this worktree.
    env: { GIT_OPTIONAL_LOCKS: '0' },
    ...options,
  });
  return parseUnmerged(stdout);
}
