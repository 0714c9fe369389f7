import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The path attacks every path-taking method is tried with. `relativeOut` climbs far enough out of
 * any worktree (they sit a few levels below the data dir) to land on the outside folder.
 */
export type PathAttack = 'dotdot' | 'absolute' | 'symlink' | 'nul' | 'longPath' | 'longSegment';

export const PATH_ATTACKS: readonly PathAttack[] = [
  'dotdot',
  'absolute',
  'symlink',
  'nul',
  'longPath',
  'longSegment',
];

/** Linux PATH_MAX is 4,096 bytes and NAME_MAX 255: one past each. */
const LONG_PATH = `${'a/'.repeat(2_100)}f`;
const LONG_SEGMENT = `${'x'.repeat(300)}.txt`;
const CLIMB = '../'.repeat(16);

export interface AttackTargets {
  /** A folder outside every worktree and skills folder, holding `secret.txt`. */
  outside: string;
  /** A relative path whose first segment is a symlink (committed, or in a skills folder) to `outside`. */
  symlinkPath: string;
}

export function attackPath(attack: PathAttack, targets: AttackTargets): string {
  switch (attack) {
    case 'dotdot':
      return `${CLIMB}${targets.outside.slice(1)}/secret.txt`;
    case 'absolute':
      return join(targets.outside, 'secret.txt');
    case 'symlink':
      return targets.symlinkPath;
    case 'nul':
      return 'README.md\0.txt';
    case 'longPath':
      return LONG_PATH;
    case 'longSegment':
      return LONG_SEGMENT;
  }
}

/** Every file below `folder` with its size and content hash stand-in (content for small files). */
export function snapshotFolder(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(folder, full)] = `${statSync(full).mtimeMs}:${readFileSync(full, 'utf8')}`;
    }
  };
  walk(folder);
  return out;
}
