import type { Project, Thread } from '../../../src-shared/contract';

/**
 * What reconcile decides for one thread from what the disk and git say, with no I/O: the start-up
 * reconcile and the running host's watcher (watch-missing.ts) both act on it, so a deleted worktree
 * or repository ends the same way whether the host was running or not.
 */

/** States a host crash can leave a thread in mid-way; reconcile finishes them. */
export const INTERRUPTED: ReadonlySet<Thread['status']> = new Set(['creating', 'setting_up']);

export interface ThreadFacts {
  status: Thread['status'];
  /** The worktree folder exists. */
  onDisk: boolean;
  /** `git worktree list` of the repository names the folder. */
  registered: boolean;
  /** The registered worktree has a detached HEAD (a pooled worktree not yet given its branch). */
  detached: boolean;
  /** The thread's branch (after following a rename) resolves to a commit. */
  hasBranch: boolean;
}

export type ThreadRepair =
  /** The folder is there but git no longer knows it as a worktree: marked missing, left untouched. */
  | { kind: 'not_a_worktree' }
  /** The folder is there, its branch is gone: marked missing, the folder kept. */
  | { kind: 'branch_gone' }
  /** All there (after giving a half-claimed pooled worktree its branch). */
  | { kind: 'keep'; finishClaim: boolean }
  /**
   * The folder is gone (or was a checkout a crash cut short, `discardPartial`): made again from the
   * branch, or from the base commit for a thread that never got past creating. `unregister` first
   * drops the registration git keeps for the vanished folder, or `worktree add` refuses the path.
   */
  | { kind: 'remake'; from: 'branch' | 'base'; discardPartial: boolean; unregister: boolean; report: boolean }
  /** Neither the folder nor the branch is left: marked missing; the trash may hold the work. */
  | { kind: 'both_gone'; unregister: boolean };

export function decideThreadRepair(facts: ThreadFacts): ThreadRepair {
  // A `worktree add` cut short by a crash: a checkout that never became a thread, nothing of the user's in it.
  const discardPartial = facts.onDisk && !facts.registered && facts.status === 'creating';
  const onDisk = facts.onDisk && !discardPartial;
  if (onDisk && !facts.registered) return { kind: 'not_a_worktree' };
  if (onDisk) {
    // Crashed between claiming a pooled worktree and giving it its branch: finish the claim.
    const finishClaim = !facts.hasBranch && facts.status === 'creating' && facts.detached;
    return !facts.hasBranch && !finishClaim ? { kind: 'branch_gone' } : { kind: 'keep', finishClaim };
  }
  const unregister = facts.registered;
  if (facts.hasBranch) {
    return {
      kind: 'remake',
      from: 'branch',
      discardPartial,
      unregister,
      report: !INTERRUPTED.has(facts.status),
    };
  }
  if (facts.status === 'creating') {
    return { kind: 'remake', from: 'base', discardPartial, unregister, report: false };
  }
  return { kind: 'both_gone', unregister };
}

/** The thread's detail while its repository is gone (start-up and live alike). */
export function repositoryGoneDetail(project: Pick<Project, 'name' | 'path'>): string {
  return `The repository of "${project.name}" at ${project.path} is gone. Put it back (or restore it from a backup) and the thread comes back, or delete the thread.`;
}

/** The notice when a repository is found gone. */
export function repositoryMissingMessage(project: Pick<Project, 'name' | 'path'>): string {
  return `The repository of "${project.name}" at ${project.path} is missing. Its threads are marked missing until it is back.`;
}

/** The notice when the running host finds a missing repository back where it was. */
export function repositoryBackMessage(project: Pick<Project, 'name' | 'path'>): string {
  return `The repository of "${project.name}" at ${project.path} is back; its threads are available again.`;
}

/** A request against a project (not one thread) whose repository folder is gone. */
export function projectGoneSentence(project: Pick<Project, 'name' | 'path'>): string {
  return `The repository of "${project.name}" at ${project.path} is gone, so git cannot run there. Put it back (or restore it from a backup), or remove the project.`;
}

/**
 * What the running host says (to a request, or as the end of the thread's turn) when a thread's
 * worktree folder was deleted while its repository stays: the watcher makes it again from the branch.
 */
export function worktreeGoneSentence(thread: Pick<Thread, 'title' | 'worktreePath' | 'branch'>): string {
  return `The worktree folder of "${thread.title}" (${thread.worktreePath}) was deleted outside Skein; Skein is making it again from branch ${thread.branch}. Try again in a moment.`;
}
