import type { DiffFile, DiffRange, DiffSummary } from '../../../src-shared/contract';
import { changedPaths } from './diff-git';
import { holdSnapshot, resolveBaseSides, turnSides } from './diff-sides';
import { addLineCounts, listChanges } from './line-counts';
import { GITLINK_MODE, type RawChange } from './raw-diff';
import { requireWorktree } from './review-thread';
import type { ReviewContext } from './types';

function sizeOf(sizes: Map<string, number>, id: string | null, mode: string | null): number | null {
  if (id === null || mode === GITLINK_MODE) return null;
  return sizes.get(id) ?? null;
}

export function toDiffFile(
  change: RawChange,
  sizes: Map<string, number>,
  uncommitted: Set<string>,
): DiffFile {
  return {
    path: change.path,
    oldPath: change.oldPath,
    change: change.change,
    oldMode: change.oldMode,
    newMode: change.newMode,
    additions: change.additions,
    deletions: change.deletions,
    binary: change.binary,
    oldSize: sizeOf(sizes, change.oldObject, change.oldMode),
    newSize: sizeOf(sizes, change.newObject, change.newMode),
    uncommitted: uncommitted.has(change.path) || (change.oldPath !== null && uncommitted.has(change.oldPath)),
  };
}

/** Byte order, not locale order: the same list on every machine, and what git itself sorts by. */
function byPath(a: DiffFile, b: DiffFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function objectIds(changes: RawChange[]): string[] {
  const ids: string[] = [];
  for (const change of changes) {
    if (change.oldObject && change.oldMode !== GITLINK_MODE) ids.push(change.oldObject);
    if (change.newObject && change.newMode !== GITLINK_MODE) ids.push(change.newObject);
  }
  return ids;
}

interface Sides {
  from: string;
  to: string;
  base: DiffSummary['base'];
}

/** The files of `from..to` with counts and sizes: one raw diff, then counting and sizes side by side. */
async function describeChanges(
  context: ReviewContext,
  cwd: string,
  sides: Sides,
  uncommitted: () => Promise<Set<string>>,
): Promise<{ files: DiffFile[]; totals: DiffSummary['totals'] }> {
  const changes = await listChanges(context.git, cwd, sides.from, sides.to);
  const [counted, sizes, uncommittedPaths] = await Promise.all([
    addLineCounts(context.git, cwd, sides, changes, context.lineCounts),
    context.sizes.read(context.git, cwd, objectIds(changes)),
    uncommitted(),
  ]);
  const files = counted.map((change) => toDiffFile(change, sizes, uncommittedPaths)).sort(byPath);
  let additions = 0;
  let deletions = 0;
  for (const file of files) {
    additions += file.additions ?? 0;
    deletions += file.deletions ?? 0;
  }
  return { files, totals: { files: files.length, additions, deletions } };
}

/**
 * The changed files of a range. However many files changed, this is a fixed handful of git
 * processes: the snapshot, the merge-base, one diff listing everything, one counting lines (only
 * for files not counted before), one for what is uncommitted, one `cat-file --batch-check` for sizes.
 */
export async function listChangedFiles(
  context: ReviewContext,
  threadId: string,
  range: DiffRange,
): Promise<DiffSummary> {
  const { git } = context;
  if (range.kind === 'turn') {
    const thread = context.threads.get(threadId);
    const cwd = context.projects.get(thread.projectId).path;
    const sides = {
      ...turnSides(context.agents.transcript(threadId).turns, range.turnId, threadId),
      base: null,
    };
    const described = await describeChanges(context, cwd, sides, () => Promise.resolve(new Set<string>()));
    return { threadId, range, ...sides, ...described };
  }
  const { thread, worktree } = requireWorktree(context, threadId);
  const { from, snapshot, base } = await resolveBaseSides(git, thread, worktree);
  const sides = { from, to: snapshot.commit, base };
  const [described] = await Promise.all([
    describeChanges(context, worktree, sides, () =>
      changedPaths(git, worktree, snapshot.head, snapshot.commit),
    ),
    holdSnapshot(git, worktree, threadId, snapshot.commit),
  ]);
  return { threadId, range, ...sides, ...described };
}
