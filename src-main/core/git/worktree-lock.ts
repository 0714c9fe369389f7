import { oneAtATimePerKey } from '../one-at-a-time';

/**
 * git's worktree commands race on a repository's admin folders (`.git/worktrees/<name>`): a
 * `worktree add` that reads them while another `add` is writing its own fails with "failed to read
 * .git/worktrees/<name>/commondir: Success", after it has made its branch (git 2.39: 3 of 135 adds
 * failed with 9 at once; the pool refilling beside a thread start does that). So the host changes a
 * repository's worktrees one at a time. Only these changes wait for each other: other git calls on
 * the repository, and other repositories' changes, go on at once.
 */
const oneAtATime = oneAtATimePerKey();

export function changeWorktreesOneAtATime<T>(repoPath: string, change: () => Promise<T>): Promise<T> {
  return oneAtATime(repoPath, change);
}
