import type { GitQueue } from './types';

export interface CommitIdentity {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
}

/** The variables commit-tree reads the identity from. */
export function identityEnvironment(identity: CommitIdentity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: identity.authorName,
    GIT_AUTHOR_EMAIL: identity.authorEmail,
    GIT_COMMITTER_NAME: identity.committerName,
    GIT_COMMITTER_EMAIL: identity.committerEmail,
  };
}

function firstSet(...values: (string | undefined)[]): string | null {
  for (const value of values) if (value !== undefined && value.trim() !== '') return value;
  return null;
}

/**
 * The identity git would use, with git's precedence (GIT_* variables, then `author.*` /
 * `committer.*`, then `user.*` config), but never one git would guess from the host name:
 * a commit in the user's base branch must carry a name they chose. Null when incomplete.
 */
export function resolveIdentity(
  env: Record<string, string | undefined>,
  config: Record<string, string>,
): CommitIdentity | null {
  const authorName = firstSet(env.GIT_AUTHOR_NAME, config['author.name'], config['user.name']);
  const authorEmail = firstSet(env.GIT_AUTHOR_EMAIL, config['author.email'], config['user.email']);
  const committerName = firstSet(env.GIT_COMMITTER_NAME, config['committer.name'], config['user.name']);
  const committerEmail = firstSet(env.GIT_COMMITTER_EMAIL, config['committer.email'], config['user.email']);
  if (!authorName || !authorEmail || !committerName || !committerEmail) return null;
  return { authorName, authorEmail, committerName, committerEmail };
}

/** Parses `git config --get-regexp` lines (`key value`); keys come lower-cased from git. */
export function parseConfigLines(output: string): Record<string, string> {
  const config: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    // Later lines are more specific (repository config after global), as with `git config --get`.
    config[line.slice(0, space)] = line.slice(space + 1);
  }
  return config;
}

/** The configured identity for commits made in `cwd`, or null when the user has not set one. */
export async function readCommitIdentity(
  git: GitQueue,
  cwd: string,
  env: Record<string, string | undefined>,
  options: { gitEnv?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CommitIdentity | null> {
  const { stdout } = await git.run(['config', '--get-regexp', '^(user|author|committer)\\.(name|email)$'], {
    cwd,
    env: options.gitEnv,
    allowedExitCodes: [1],
    signal: options.signal,
  });
  return resolveIdentity(env, parseConfigLines(stdout));
}
