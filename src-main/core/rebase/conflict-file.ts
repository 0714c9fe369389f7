import { SkeinError, type RebaseFile } from '../../../src-shared/contract';
import { listUnmerged, type UnmergedPath } from '../git';
import { languageOf } from '../review';
import { readStageTexts } from './binary-sides';
import { requireRebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';
import { locateInWorktree, readWorktreeFile } from './worktree-file';

/** The conflicted entry for `path`, or a refusal naming what is conflicted. */
export function requireConflicted(unmerged: UnmergedPath[], path: string, title: string): UnmergedPath {
  const entry = unmerged.find((candidate) => candidate.path === path);
  if (entry) return entry;
  const others = unmerged.map((candidate) => candidate.path);
  throw new SkeinError(
    'INVALID_STATE',
    others.length === 0
      ? `${path} is not in conflict: "${title}" has no conflicted files. Refresh the rebase.`
      : `${path} is not in conflict in "${title}"; the conflicted files are ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}.`,
    { path, conflicts: others },
  );
}

/**
 * The three sides of a conflicted file and what the worktree holds now. During a rebase git's
 * "ours" (stage 2) is the base with the commits replayed so far, and "theirs" (stage 3) is the
 * thread's commit being replayed.
 */
export async function readConflictFile(
  context: RebaseContext,
  threadId: string,
  path: string,
): Promise<RebaseFile> {
  const { thread, worktree } = requireRebaseTarget(context, threadId);
  const location = await locateInWorktree(worktree, path);
  const entry = requireConflicted(await listUnmerged(context.git, worktree), path, thread.title);
  const texts = (await readStageTexts(context.git, worktree, [entry])).get(path);
  const binary = texts?.binary ?? false;
  return {
    path,
    ancestor: texts?.[1] ?? null,
    base: texts?.[2] ?? null,
    thread: texts?.[3] ?? null,
    working: binary ? null : await readWorktreeFile(location),
    binary,
    language: languageOf(path),
  };
}
