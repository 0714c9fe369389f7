import type { RebaseState, Thread } from '../../../src-shared/contract';
import { listUnmerged, resolveCommit, worktreeGitDir, type GitQueue, type UnmergedPath } from '../git';
import { readStageTexts } from './binary-sides';
import { readRebaseProgress, type RebaseProgress } from './rebase-dir';
import type { RebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';

/** Reason of the trash entries a rebase keeps; the prefix finds them again after a restart. */
export const REBASE_TRASH_REASON = 'rebase: uncommitted work before rebasing onto';

/** A thread's rebase as git has it now, with what was read on the way. */
export interface RebaseReading {
  state: RebaseState;
  gitDir: string;
  progress: RebaseProgress | null;
  unmerged: UnmergedPath[];
}

/** What the caller knows of a rebase that just ended, for the state it reports. */
export interface EndedRebase {
  onto: string | null;
  origHead: string | null;
  trashRef: string | null;
}

async function commitAndSubject(
  git: GitQueue,
  worktree: string,
  rev: string,
): Promise<{ commit: string; subject: string } | null> {
  if (rev.startsWith('-')) return null;
  const { stdout, exitCode } = await git.run(['log', '-1', '--no-walk', '--format=%H%x00%s', rev, '--'], {
    cwd: worktree,
    allowedExitCodes: [128],
  });
  if (exitCode !== 0) return null;
  const [commit, subject] = stdout.trim().split('\0');
  return commit ? { commit, subject: subject ?? '' } : null;
}

/**
 * After a rebase ends, git re-applies its autostash; when that conflicts it leaves the stash in
 * `git stash list` ("autostash", whose parent is the head the rebase started from, ORIG_HEAD).
 */
async function autostashLeftBehind(git: GitQueue, worktree: string): Promise<boolean> {
  const { stdout, exitCode } = await git.run(['rev-parse', 'refs/stash^1', 'ORIG_HEAD'], {
    cwd: worktree,
    allowedExitCodes: [128],
  });
  const [stashParent, origHead] = stdout.trim().split('\n');
  if (exitCode !== 0 || !stashParent || stashParent !== origHead) return false;
  const subject = await git.run(['log', '-g', '-1', '--format=%gs', 'refs/stash'], {
    cwd: worktree,
    allowedExitCodes: [128],
  });
  return subject.stdout.trim() === 'autostash';
}

/** The trash ref a rebase from `origHead` kept the uncommitted work in, if it kept any. */
async function findTrashRef(
  context: RebaseContext,
  thread: Thread,
  origHead: string,
): Promise<string | null> {
  const known = context.started.get(thread.id);
  if (known?.origHead === origHead) return known.trashRef;
  // After a restart: the newest rebase entry whose snapshot sits on that head.
  const candidates = context.trashRows
    .ofThread(thread.id)
    .filter((entry) => entry.reason.startsWith(REBASE_TRASH_REASON))
    .slice(0, 3);
  for (const entry of candidates) {
    const parent = await resolveCommit(
      context.git,
      context.projects.get(thread.projectId).path,
      `${entry.commit}^`,
    );
    if (parent === origHead) return entry.ref;
  }
  return null;
}

export async function readRebaseState(
  context: RebaseContext,
  target: RebaseTarget,
  ended: EndedRebase | null = null,
): Promise<RebaseReading> {
  const { git } = context;
  const { thread, worktree } = target;
  const gitDir = await worktreeGitDir(git, worktree);
  const progress = readRebaseProgress(gitDir);
  const unmerged = await listUnmerged(git, worktree);
  const texts = await readStageTexts(git, worktree, unmerged);
  const conflicts = unmerged.map((entry) => ({
    path: entry.path,
    status: entry.status,
    binary: texts.get(entry.path)?.binary ?? false,
  }));
  if (!progress) {
    return {
      gitDir,
      progress,
      unmerged,
      state: {
        threadId: thread.id,
        inProgress: false,
        onto: ended?.onto ?? null,
        origHead: ended?.origHead ?? null,
        step: null,
        total: null,
        stoppedAt: null,
        conflicts,
        stashed: unmerged.length > 0 && (await autostashLeftBehind(git, worktree)),
        trashRef: ended?.trashRef ?? null,
      },
    };
  }
  const onto = progress.onto ? await resolveCommit(git, worktree, progress.onto) : null;
  const origHead = progress.origHead ? await resolveCommit(git, worktree, progress.origHead) : null;
  const stoppedAt = progress.stoppedAt ? await commitAndSubject(git, worktree, progress.stoppedAt) : null;
  return {
    gitDir,
    progress,
    unmerged,
    state: {
      threadId: thread.id,
      inProgress: true,
      onto,
      origHead,
      step: progress.step,
      total: progress.total,
      stoppedAt,
      conflicts,
      stashed: progress.autostash !== null,
      trashRef: origHead ? await findTrashRef(context, thread, origHead) : null,
    },
  };
}
