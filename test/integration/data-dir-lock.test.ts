import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { createHost } from '../../src-main/host/create-host';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function otherLiveProcess(): ChildProcess {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

describe('data folder lock', () => {
  it('refuses a second host on a folder another live host holds, and says which process', async () => {
    const dataDir = tempDataDir();
    const other = otherLiveProcess();
    writeFileSync(join(dataDir, 'host.lock'), `${other.pid}\n`);
    const error = await createHost({ dataDir, shell: '/bin/sh' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkeinError);
    expect((error as SkeinError).kind).toBe('INVALID_STATE');
    expect((error as SkeinError).message).toContain(`process ${other.pid}`);
    // Nothing was created: the other host's database is not ours to open.
    expect(existsSync(join(dataDir, 'skein.db'))).toBe(false);
  });

  it('takes over the lock a crashed host left behind, and releases it on dispose', async () => {
    const dataDir = tempDataDir();
    const dead = spawn('true');
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(join(dataDir, 'host.lock'), `${dead.pid}\n`);
    const host = await createHost({ dataDir, shell: '/bin/sh' });
    expect(existsSync(join(dataDir, 'host.lock'))).toBe(true);
    await host.dispose();
    expect(existsSync(join(dataDir, 'host.lock'))).toBe(false);
  });
});
