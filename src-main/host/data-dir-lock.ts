import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SkeinError } from '../../src-shared/contract';
import { createLogger } from '../core/log';
import { processIdentity } from './process-identity';

const log = createLogger('data-dir-lock');

/**
 * One host per data folder. Two hosts on one folder (say the desktop app and a `skein serve`) would
 * both reconcile, refill pools and snapshot terminals over each other's work.
 */
export interface DataDirLock {
  release(): void;
}

/**
 * What `host.lock` says: the holder's process id on the first line (all that older hosts wrote, and
 * all they read) and, on the second, its identity (see process-identity.ts) when the platform has one.
 */
export interface LockContents {
  pid: number;
  identity: string | null;
}

export function parseLockFile(text: string): LockContents | null {
  const [first = '', second = ''] = text.split('\n');
  const pid = Number.parseInt(first.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, identity: second.trim() || null };
}

export function formatLockFile(pid: number, identity: string | null): string {
  return identity ? `${pid}\n${identity}\n` : `${pid}\n`;
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

function readLock(file: string): LockContents | null {
  try {
    return parseLockFile(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Whether the lock's writer still runs. A live pid whose identity differs from the recorded one is
 * an unrelated process that was given the same number later (after a crash and a reboot): stale. A
 * lock without an identity (an older host, Windows), or a live pid whose identity cannot be read,
 * counts as held: refusing is recoverable, two hosts on one folder are not.
 */
function heldByAnother(lock: LockContents | null): lock is LockContents {
  if (lock === null || lock.pid === process.pid || !isAlive(lock.pid)) return false;
  if (lock.identity === null) return true;
  const current = processIdentity(lock.pid);
  return current === null || current === lock.identity;
}

/** The process id of another live host holding `dataDir`, or null when none does (no lock, or a stale one). */
export function liveLockHolder(dataDir: string): number | null {
  const lock = readLock(join(dataDir, 'host.lock'));
  return heldByAnother(lock) ? lock.pid : null;
}

function staleReason(lock: LockContents | null): string {
  if (lock === null) return 'it names no process';
  if (lock.pid === process.pid) return 'it names this process';
  return isAlive(lock.pid)
    ? `its process ${lock.pid} is gone and the number now belongs to an unrelated process`
    : `its process ${lock.pid} is no longer running`;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(dataDir, 'host.lock');
  const identity = processIdentity(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, formatLockFile(process.pid, identity));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = readLock(file);
      if (heldByAnother(lock)) {
        throw new SkeinError(
          'INVALID_STATE',
          `Another Skein host (process ${lock.pid}) is already using the data folder ${dataDir}. Close it first, or start this one with another folder (--data DIR).`,
          { dataDir, pid: lock.pid },
        );
      }
      // A host that crashed left its lock behind (or this process holds it already): take it over.
      log.info(`Taking over the lock on the data folder ${dataDir}: ${staleReason(lock)}`);
      rmSync(file, { force: true });
    }
  }
  throw new SkeinError('INVALID_STATE', `Could not take the lock on the data folder ${dataDir}; try again.`, {
    dataDir,
  });
}
