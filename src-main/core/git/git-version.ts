/**
 * The oldest git Skein works with: `git merge-tree --write-tree` (git 2.38, October 2022) computes
 * merges without a worktree, and the conflict radar, merges and rebases are built on it.
 */
export const MIN_GIT_VERSION = '2.38';

const MIN_PARTS = MIN_GIT_VERSION.split('.').map(Number);

/** `git version 2.39.5` (or `2.39.5.windows.1`, `2.37.1 (Apple Git-137.1)`) as [major, minor, patch]; null when unreadable. */
export function parseGitVersion(text: string): [number, number, number] | null {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function isSupportedGitVersion(text: string): boolean {
  const parts = parseGitVersion(text);
  if (!parts) return false;
  const [major, minor] = parts;
  const [minMajor = 0, minMinor = 0] = MIN_PARTS;
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

/** The sentence for a git that could not be found or run. */
export function gitMissingMessage(binary = 'git'): string {
  return `Skein could not find git ("${binary}"). Install git ${MIN_GIT_VERSION} or newer and make sure it is on your PATH.`;
}

/** The sentence for a git older than MIN_GIT_VERSION: what stops working and what to do. */
export function gitTooOldMessage(version: string): string {
  return `Skein needs git ${MIN_GIT_VERSION} or newer for the conflict radar, merges and rebases (they use git merge-tree --write-tree); this machine has git ${version}. Install a newer git and restart Skein.`;
}

/**
 * What is wrong with the git found at start-up, as a sentence for a banner, or null when it is fine.
 * `version` is what `git --version` printed without its `git version ` prefix, null when git did not run.
 */
export function gitVersionProblem(version: string | null): string | null {
  if (version === null) return gitMissingMessage();
  return isSupportedGitVersion(version) ? null : gitTooOldMessage(version);
}
