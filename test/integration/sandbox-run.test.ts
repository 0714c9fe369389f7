import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  detectSandbox,
  isSandboxUnavailable,
  runSandboxed,
  wrapCommand,
  type SandboxMode,
  type WrappedCommand,
} from '../../src-main/core/sandbox';
import { createSandboxFixture, type SandboxFixture } from '../support/sandbox-fixtures';

let fx: SandboxFixture;
beforeEach(() => {
  fx = createSandboxFixture();
});
afterEach(() => {
  fx.dispose();
});

async function wrap(command: string, mode: SandboxMode): Promise<WrappedCommand> {
  const wrapped = await wrapCommand({ command, cwd: fx.worktree, mode, network: false, env: fx.env });
  if (isSandboxUnavailable(wrapped)) throw new Error(wrapped.unavailable);
  return wrapped;
}

/** Host processes whose command line contains `token` (read from /proc; nothing is signalled). */
function processesWith(token: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(join('/proc', entry, 'cmdline'), 'utf8').includes(token)) found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('detectSandbox', () => {
  it('finds a working bwrap here, and explains when there is none', async () => {
    expect(await detectSandbox()).toMatchObject({ kind: 'bwrap', canMountProc: true });
    expect(await detectSandbox({ path: '/nonexistent' })).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining("install the 'bubblewrap' package") as string,
    });
    expect(await detectSandbox({ platform: 'win32' })).toMatchObject({ kind: 'none' });
  });

  it('returns unavailable instead of running unconfined', async () => {
    const wrapped = await wrapCommand(
      { command: 'true', cwd: fx.worktree, mode: 'workspace-write', network: false },
      { kind: 'none', reason: 'no bwrap' },
    );
    expect(wrapped).toEqual({ unavailable: 'no bwrap' });
  });
});

describe('runSandboxed', () => {
  it('reports exit code, output and duration', async () => {
    const result = await runSandboxed(await wrap('echo out; echo err >&2; exit 7', 'workspace-write'), {
      cwd: fx.worktree,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({
      exitCode: 7,
      signal: null,
      stdout: 'out\n',
      timedOut: false,
      aborted: false,
      stdoutOmittedBytes: 0,
    });
    expect(result.stderr).toContain('err\n');
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('keeps the head and tail of long output with a marker in the middle', async () => {
    const command = "echo START; head -c 300000 /dev/zero | tr '\\0' a; echo; echo END";
    const result = await runSandboxed(await wrap(command, 'workspace-write'), {
      cwd: fx.worktree,
      timeoutMs: 10_000,
      maxOutputBytes: 1_000,
    });
    expect(result.stdout.startsWith('START\naaaa')).toBe(true);
    expect(result.stdout.endsWith('aaaa\nEND\n')).toBe(true);
    expect(result.stdoutOmittedBytes).toBe(300_011 - 1_000);
    expect(result.stdout).toContain(`\n[… ${300_011 - 1_000} bytes omitted …]\n`);
  });

  it('a timeout kills the whole process group of an unsandboxed command', async () => {
    const token = `${300 + Math.floor(Math.random() * 1000)}.4242`;
    const result = await runSandboxed(
      await wrap(`sleep ${token} & sleep ${token} & sleep ${token}; echo never`, 'danger-full-access'),
      {
        cwd: fx.worktree,
        timeoutMs: 500,
      },
    );
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toBe('');
    expect(result.durationMs).toBeLessThan(5_000);
    expect(await eventually(() => processesWith(token).length === 0)).toBe(true);
  });

  it('a timeout kills everything inside the sandbox, including background jobs', async () => {
    const token = `${300 + Math.floor(Math.random() * 1000)}.4343`;
    const result = await runSandboxed(
      await wrap(`sleep ${token} & (trap '' TERM; sleep ${token}) & sleep ${token}`, 'workspace-write'),
      {
        cwd: fx.worktree,
        timeoutMs: 500,
      },
    );
    expect(result.timedOut).toBe(true);
    expect(await eventually(() => processesWith(token).length === 0)).toBe(true);
  });

  it('returns once the command exits even if a background job holds its output open', async () => {
    const token = `${300 + Math.floor(Math.random() * 1000)}.4444`;
    const result = await runSandboxed(await wrap(`sleep ${token} & echo done`, 'danger-full-access'), {
      cwd: fx.worktree,
      timeoutMs: 20_000,
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n', timedOut: false });
    expect(result.durationMs).toBeLessThan(5_000);
    expect(await eventually(() => processesWith(token).length === 0)).toBe(true);
  });

  it('an abort signal stops the command', async () => {
    const controller = new AbortController();
    const running = runSandboxed(await wrap('sleep 30', 'workspace-write'), {
      cwd: fx.worktree,
      timeoutMs: 20_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    expect(result).toMatchObject({ aborted: true, timedOut: false });
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('passes stdin and sets the sandbox variables', async () => {
    const result = await runSandboxed(await wrap('cat; echo " $SKEIN_SANDBOX $TMPDIR"', 'read-only'), {
      cwd: fx.worktree,
      timeoutMs: 10_000,
      stdin: 'piped',
    });
    expect(result.stdout).toBe('piped read-only /tmp\n');
  });
});
