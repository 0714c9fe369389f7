import { realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { SkeinError } from '../../../src-shared/contract';

/** `~` and `~/x` mean the user's home, as in a shell; anything relative is relative to the host's cwd. */
export function expandPath(input: string, home = homedir()): string {
  const trimmed = input.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/')) return join(home, trimmed.slice(2));
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(process.cwd(), trimmed);
}

/** The real, absolute folder a user typed or picked; PATH_NOT_FOUND or NOT_A_GIT_REPO (a file) otherwise. */
export function resolveProjectFolder(input: string): string {
  const absolute = expandPath(input);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    throw new SkeinError(
      'PATH_NOT_FOUND',
      `The folder ${absolute} does not exist. Check the path and try again.`,
      { path: absolute },
    );
  }
  if (!statSync(real).isDirectory()) {
    throw new SkeinError(
      'NOT_A_GIT_REPO',
      `${real} is a file, not a folder. Choose the folder of a git repository.`,
      { path: real },
    );
  }
  return real;
}
