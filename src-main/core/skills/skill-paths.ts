import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { SkeinError, type SkillScope } from '../../../src-shared/contract';

/** A skills folder the host knows, and the project/thread whose repository it belongs to. */
export interface KnownRoot {
  scope: SkillScope;
  path: string;
  projectId?: string;
  threadId?: string;
}

/** Below a skills root a skill folder sits at most this deep (Codex's `skills/.system/<name>`). */
const MAX_SKILL_DEPTH = 2;

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function strictlyInside(root: string, candidate: string): string[] | null {
  const rel = relative(root, candidate);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep);
}

/**
 * The known root holding the skill folder `path`, or a refusal: clients name skills by path, and
 * every write must stay inside a skills folder (no `..`, no symlinked parent leading elsewhere).
 */
export function locateSkillFolder(path: string, roots: readonly KnownRoot[]): KnownRoot {
  if (!isAbsolute(path)) {
    throw new SkeinError('PATH_OUTSIDE_WORKTREE', `"${path}" is not an absolute skill folder path.`, {
      path,
    });
  }
  const wanted = resolve(path);
  for (const root of roots) {
    const parts = strictlyInside(resolve(root.path), wanted);
    if (!parts || parts.length > MAX_SKILL_DEPTH || parts.some((part) => part === '..' || part === ''))
      continue;
    // The folder itself may be a symlink (a skill shared between agents); the folders above it may not lead out.
    const parentReal = realOrSelf(dirname(wanted));
    const rootReal = realOrSelf(root.path);
    if (parentReal !== rootReal && !strictlyInside(rootReal, parentReal)) continue;
    return root;
  }
  throw new SkeinError(
    'PATH_OUTSIDE_WORKTREE',
    `${path} is not a skill folder inside a known skills folder (the repository's, ~/.agents/skills, Codex's or Claude Code's).`,
    { path },
  );
}
