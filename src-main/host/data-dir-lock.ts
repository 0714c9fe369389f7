import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SkeinError } from '../../src-shared/contract';

/**
 * One host per data folder. Two hosts on one folder (say the desktop app and a `skein serve`) would
 * both reconcile, refill pools and snapshot terminals over each other's work.
 */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The process id of another live host holding `dataDir`, or null when none does (no lock, or a stale one). */
export function liveLockHolder(dataDir: string): number | null {
  const holder = readHolder(join(dataDir, 'host.lock'));
  return holder !== null && holder !== process.pid && isAlive(holder) ? holder : null;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(dataDir, 'host.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readHolder(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder !== null && holder !== process.pid && isAlive(holder)) {
        throw new SkeinError(
          'INVALID_STATE',
          `Another Skein host (process ${holder}) is already using the data folder ${dataDir}. Close it first, or start this one with another folder (--data DIR).`,
          { dataDir, pid: holder },
        );
      }
      // A host that crashed left its lock behind (or this process holds it already): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new SkeinError('INVALID_STATE', `Could not take the lock on the data folder ${dataDir}; try again.`, {
    dataDir,
  });
}
