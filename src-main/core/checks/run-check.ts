import type { CheckResult } from '../../../src-shared/contract';
import { isSandboxUnavailable, runSandboxed, wrapCommand } from '../sandbox';

/** A test suite may take a while; past this the check counts as failed (timed out). */
export const CHECK_TIMEOUT_MS = 15 * 60_000;
/** What a check keeps of its output: the tail says why it failed, the head how it started. */
export const CHECK_OUTPUT_BYTES = 64 * 1024;

export interface RunCheckOptions {
  /** The project's `checkCommand`, run by the login shell. */
  command: string;
  /** The worktree (or scratch worktree) to run it in. */
  cwd: string;
  /** The environment, without provider keys (the caller strips them); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Paths the check must not read (Skein's data folder). */
  hiddenPaths?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs the project's check in a worktree. The command is the user's, but the code it runs was
 * written by an agent, so it runs in the same sandbox as agent commands (workspace-write, network on:
 * test suites often need localhost or a registry). Where no sandbox exists it runs unconfined, and
 * the result says so (`sandbox: 'none'`).
 */
export async function runCheck(options: RunCheckOptions): Promise<CheckResult> {
  const startedAt = Date.now();
  const request = {
    command: options.command,
    cwd: options.cwd,
    mode: 'workspace-write' as const,
    network: true,
    hiddenPaths: options.hiddenPaths,
    env: options.env,
  };
  let wrapped = await wrapCommand(request);
  if (isSandboxUnavailable(wrapped)) wrapped = await wrapCommand({ ...request, mode: 'danger-full-access' });
  if (isSandboxUnavailable(wrapped)) throw new Error('unreachable: danger-full-access never needs a sandbox');
  try {
    const run = await runSandboxed(wrapped, {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS,
      maxOutputBytes: CHECK_OUTPUT_BYTES,
      signal: options.signal,
    });
    const output = [run.stdout, run.stderr].filter((text) => text.length > 0).join('\n');
    return {
      command: options.command,
      status: run.timedOut ? 'timed_out' : run.aborted ? 'error' : run.exitCode === 0 ? 'passed' : 'failed',
      exitCode: run.exitCode,
      output: run.aborted ? `${output}\n(stopped before it finished)`.trim() : output,
      sandbox: wrapped.sandbox,
      startedAt,
      completedAt: Date.now(),
    };
  } catch (error) {
    return {
      command: options.command,
      status: 'error',
      exitCode: null,
      output: `The check could not start: ${error instanceof Error ? error.message : String(error)}`,
      sandbox: wrapped.sandbox,
      startedAt,
      completedAt: Date.now(),
    };
  }
}
