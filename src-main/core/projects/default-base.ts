import { currentBranch, listBranches, readConfig, resolveCommit, type GitQueue } from '../git';

/** Branch names tried, in order, when the repository's HEAD is detached. */
const CONVENTIONAL_DEFAULTS = ['main', 'master'];

/**
 * The branch new threads start from: the branch checked out in the main worktree; when HEAD is
 * detached, `init.defaultBranch`, `main` or `master` if one exists, else the first branch; with
 * no branch at all, the detached commit itself.
 */
export async function detectDefaultBase(git: GitQueue, repoPath: string): Promise<string | null> {
  const current = await currentBranch(git, repoPath);
  if (current && (await resolveCommit(git, repoPath, `refs/heads/${current}`))) return current;
  const branches = await listBranches(git, repoPath);
  const configured = await readConfig(git, repoPath, 'init.defaultBranch');
  for (const candidate of [configured, ...CONVENTIONAL_DEFAULTS]) {
    if (candidate && branches.includes(candidate)) return candidate;
  }
  if (branches[0]) return branches[0];
  return resolveCommit(git, repoPath, 'HEAD');
}
