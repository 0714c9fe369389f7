import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { SkillRoot, SkillScope } from '../../../src-shared/contract';

/** Where the user's folders are: HOME and Codex's home (`$CODEX_HOME`, default `~/.codex`). */
export interface SkillHomes {
  home: string;
  codexHome: string;
}

/** HOME and Codex's home (`$CODEX_HOME`) from `env` unless given (tests give temporary folders). */
export function resolveSkillHomes(
  given: Partial<SkillHomes> = {},
  env: NodeJS.ProcessEnv = process.env,
): SkillHomes {
  const home = given.home ?? env.HOME ?? homedir();
  // A given HOME (a test's) must not pick up the real $CODEX_HOME.
  const envCodex = given.home === undefined ? env.CODEX_HOME : undefined;
  return { home, codexHome: given.codexHome ?? envCodex ?? join(home, '.codex') };
}

/** The repository a listing is for: its root, and the folder the agent works in (the root or below). */
export interface RepoPlace {
  root: string;
  cwd: string;
}

/** Scope order, strongest first: a name found in several roots is taken from the first. */
export const SCOPE_PRECEDENCE: readonly SkillScope[] = ['repo', 'repo-claude', 'user', 'codex', 'claude'];

/** Folders from `root` down to `cwd`, both included (just `root` when `cwd` is not inside it). */
function foldersDown(root: string, cwd: string): string[] {
  const rel = relative(root, cwd);
  if (rel === '' || rel.startsWith('..') || resolve(root, rel) !== resolve(cwd)) return [root];
  const folders = [root];
  let current = root;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    folders.push(current);
  }
  return folders;
}

/**
 * The skills folders of a listing in precedence order: the repository's `.agents/skills` from the
 * working folder up to the root (the nearest one wins), the repository's `.claude/skills`, the user's,
 * Codex's and Claude Code's.
 */
export function skillRoots(homes: SkillHomes, repo: RepoPlace | null): SkillRoot[] {
  const roots: Array<{ scope: SkillScope; path: string }> = [];
  if (repo) {
    for (const folder of foldersDown(repo.root, repo.cwd).reverse()) {
      roots.push({ scope: 'repo', path: join(folder, '.agents', 'skills') });
    }
    roots.push({ scope: 'repo-claude', path: join(repo.root, '.claude', 'skills') });
  }
  roots.push({ scope: 'user', path: join(homes.home, '.agents', 'skills') });
  roots.push({ scope: 'codex', path: join(homes.codexHome, 'skills') });
  roots.push({ scope: 'claude', path: join(homes.home, '.claude', 'skills') });
  return roots.map((root) => ({ ...root, exists: existsSync(root.path) }));
}

/** The one folder a new skill of `scope` goes into (the repository root's for repository scopes). */
export function targetRoot(homes: SkillHomes, scope: SkillScope, repoRoot: string | null): string | null {
  switch (scope) {
    case 'repo':
      return repoRoot ? join(repoRoot, '.agents', 'skills') : null;
    case 'repo-claude':
      return repoRoot ? join(repoRoot, '.claude', 'skills') : null;
    case 'user':
      return join(homes.home, '.agents', 'skills');
    case 'codex':
      return join(homes.codexHome, 'skills');
    case 'claude':
      return join(homes.home, '.claude', 'skills');
  }
}
