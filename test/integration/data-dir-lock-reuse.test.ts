import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { liveLockHolder, parseLockFile } from '../../src-main/host/data-dir-lock';
import { processIdentity } from '../../src-main/host/process-identity';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-lock-reuse-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startedProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  cleanups.push(() => void child.kill('SIGKILL'));
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  return child as ChildProcess & { pid: number };
}

async function hostOn(dataDir: string): Promise<Host> {
  const host = await createHost({ dataDir, shell: '/bin/sh' });
  cleanups.push(() => host.dispose());
  return host;
}

/** What a host that crashed before this process's pid was handed out would have written: the right pid, another start. */
function lockOfAnEarlierProcess(pid: number): string {
  const identity = processIdentity(pid);
  expect(identity).not.toBeNull();
  // Another start time, in whatever form the platform writes it.
  return `${pid}\n${identity ?? ''}0\n`;
}

describe.runIf(process.platform === 'linux' || process.platform === 'darwin')(
  'a stale data folder lock whose process id now names another process',
  () => {
    it('is taken over when the pid belongs to an unrelated live process', async () => {
      const dataDir = tempDataDir();
      const unrelated = await startedProcess();
      writeFileSync(join(dataDir, 'host.lock'), lockOfAnEarlierProcess(unrelated.pid));
      expect(liveLockHolder(dataDir)).toBeNull();

      await hostOn(dataDir);
      const lock = parseLockFile(readFileSync(join(dataDir, 'host.lock'), 'utf8'));
      expect(lock).toEqual({ pid: process.pid, identity: processIdentity(process.pid) });
      // The unrelated process was left alone.
      expect(unrelated.exitCode).toBeNull();
      expect(unrelated.signalCode).toBeNull();
    });

    it("is taken over when the pid is this process's parent (an old lock after a reboot)", async () => {
      const dataDir = tempDataDir();
      writeFileSync(join(dataDir, 'host.lock'), lockOfAnEarlierProcess(process.ppid));
      await hostOn(dataDir);
      expect(parseLockFile(readFileSync(join(dataDir, 'host.lock'), 'utf8'))?.pid).toBe(process.pid);
    });

    it('still refuses a second host while the first one runs, and names it', async () => {
      const dataDir = tempDataDir();
      const first = await hostOn(dataDir);
      // The first host is this process: a copy of its lock naming another live process stands for
      // a host in another process, with the identity that process really has.
      const other = await startedProcess();
      writeFileSync(join(dataDir, 'host.lock'), `${other.pid}\n${processIdentity(other.pid) ?? ''}\n`);
      expect(liveLockHolder(dataDir)).toBe(other.pid);
      const error = await createHost({ dataDir, shell: '/bin/sh' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SkeinError);
      expect((error as SkeinError).message).toBe(
        `Another Skein host (process ${other.pid}) is already using the data folder ${dataDir}. Close it first, or start this one with another folder (--data DIR).`,
      );
      expect(first.services.db.open).toBe(true);
    });

    it('reads a lock with a pid only as older hosts wrote it: a live pid holds it', async () => {
      const dataDir = tempDataDir();
      const other = await startedProcess();
      writeFileSync(join(dataDir, 'host.lock'), `${other.pid}\n`);
      expect(liveLockHolder(dataDir)).toBe(other.pid);
      const error = await createHost({ dataDir, shell: '/bin/sh' }).catch((e: unknown) => e);
      expect((error as SkeinError).kind).toBe('INVALID_STATE');
      expect(existsSync(join(dataDir, 'skein.db'))).toBe(false);
    });
  },
);
