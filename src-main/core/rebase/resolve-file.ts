import { SkeinError } from '../../../src-shared/contract';
import { listUnmerged, operationInProgress, worktreeGitDir } from '../git';
import { looksBinary } from './binary-sides';
import { findConflictRegions } from './conflict-markers';
import { requireConflicted } from './conflict-file';
import { refuseWhileAgentWorks, requireRebaseTarget, type RebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';
import { locateInWorktree, readWorktreeFile, writeWorktreeFile } from './worktree-file';

export interface ResolveInput {
  threadId: string;
  path: string;
  content?: string;
  delete?: boolean;
  /** One side whole: `base` is stage 2 (git's "ours" in a rebase), `thread` stage 3. Ignored with `content`. */
  take?: 'base' | 'thread';
  allowMarkers?: boolean;
}

/** Paths from a client are file names, never glob patterns. */
const LITERAL_PATHS = { GIT_LITERAL_PATHSPECS: '1' };

function refuseMarkers(path: string, text: string): void {
  if (looksBinary(text)) return;
  const regions = findConflictRegions(text);
  const first = regions[0];
  if (!first) return;
  throw new SkeinError(
    'INVALID_STATE',
    `${path} still has ${regions.length === 1 ? 'a conflict region' : `${regions.length} conflict regions`} (the first at lines ${first.start}-${first.end}). Edit it so the <<<<<<<, ======= and >>>>>>> lines are gone, then mark it resolved; if the markers belong in the file, resolve it with allowMarkers.`,
    { path, regions },
  );
}

/**
 * Records how a conflicted file is resolved: the given content, a deletion, or the file as it is
 * on disk (no file on disk means deleted). Stages it, as `git add`/`git rm` would. After a rebase
 * has ended (its autostash conflicted) the resolution stays uncommitted, as the work was.
 */
export async function resolveConflictFile(
  context: RebaseContext,
  input: ResolveInput,
): Promise<RebaseTarget> {
  const { git } = context;
  const target = requireRebaseTarget(context, input.threadId);
  const { thread, worktree } = target;
  const { path } = input;
  refuseWhileAgentWorks(thread, 'mark files resolved');
  if (input.delete && input.content !== undefined) {
    throw new SkeinError('INVALID_PARAMS', `Send either the content of ${path} or delete, not both.`, {
      path,
    });
  }
  const location = await locateInWorktree(worktree, path);
  const entry = requireConflicted(await listUnmerged(git, worktree), path, thread.title);
  const take = input.content === undefined ? input.take : undefined;
  if (take && input.delete) {
    throw new SkeinError('INVALID_PARAMS', `Send either a side to take for ${path} or delete, not both.`, {
      path,
    });
  }
  let remove =
    input.delete === true || (take !== undefined && entry.stages[take === 'base' ? 2 : 3] === null);
  if (take && !remove) {
    // Writes that side's blob into the worktree (the index entries stay unmerged until the add).
    await git.run(['checkout', take === 'base' ? '--ours' : '--theirs', '--', path], {
      cwd: worktree,
      env: LITERAL_PATHS,
    });
  } else if (!remove) {
    const text = input.content ?? (await readWorktreeFile(location));
    if (text === null) remove = true;
    else {
      if (!input.allowMarkers) refuseMarkers(path, text);
      if (input.content !== undefined) await writeWorktreeFile(worktree, location, input.content);
    }
  }
  if (remove) await git.run(['rm', '--quiet', '--force', '--', path], { cwd: worktree, env: LITERAL_PATHS });
  else await git.run(['add', '--', path], { cwd: worktree, env: LITERAL_PATHS });
  if (operationInProgress(await worktreeGitDir(git, worktree)) === null) {
    // Nothing will commit this: back to an unstaged change, like the rest of the uncommitted work.
    await git.run(['reset', '--quiet', '--', path], { cwd: worktree, env: LITERAL_PATHS });
  }
  return target;
}
