import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { SkeinError } from '../../../../src-shared/contract/errors';
import { isInside } from './confine-path';

/** Quoted paths are cut to this length so a hostile path cannot flood the sentence (as in confine-path). */
const QUOTE_LIMIT = 160;

function quote(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
}

/**
 * The real path of an existing file for a read tool, confined to the worktree, in one native
 * `realpath(3)` call. `resolveInWorktree` handles paths that do not exist yet (for writers) with a
 * dozen asynchronous steps; under load each step waits a full event-loop turn, which made a
 * `read_file` take a quarter of a second at 16 busy threads. A read needs none of that.
 */
export function resolveExistingInWorktree(realRoot: string, requested: string): string {
  if (requested.includes('\0') || requested.trim() === '') {
    throw new SkeinError(
      'INVALID_PARAMS',
      'Send a plain path relative to the worktree, such as src/index.ts.',
      {
        reason: 'bad-path',
      },
    );
  }
  const candidate = isAbsolute(requested) ? resolve(requested) : resolve(realRoot, requested);
  let real: string;
  try {
    real = realpathSync.native(candidate);
  } catch (error) {
    if (!isInside(realRoot, candidate)) throw outside(requested, realRoot);
    const code = (error as NodeJS.ErrnoException).code;
    throw new SkeinError(
      'PATH_NOT_FOUND',
      code === 'ELOOP'
        ? `The path ${quote(requested)} goes through a loop of symbolic links.`
        : `There is no file ${quote(requested)} in the worktree; list_files shows what exists.`,
      { requested: quote(requested) },
    );
  }
  if (!isInside(realRoot, real)) throw outside(requested, realRoot);
  return real;
}

function outside(requested: string, root: string): SkeinError {
  return new SkeinError(
    'PATH_OUTSIDE_WORKTREE',
    `The path ${quote(requested)} is outside this thread's worktree; use paths inside ${root}.`,
    { requested: quote(requested), worktreeRoot: root },
  );
}
