import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** Claude Code saves its session and exits within ~1 s of its input ending; the SDK waits 2 s too. */
const GRACEFUL_EXIT_MS = 5_000;
/** After SIGTERM (what `Query.close()` sends), the time before SIGKILL. */
const KILL_AFTER_MS = 3_000;

/** Rejects with `message` when `promise` has not settled in `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function exitOf(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Waits for the Claude Code process to exit after its input ended; if it lingers, `close` (the
 * SDK's `Query.close()`, SIGTERM) and then SIGKILL. Resolves once the process is gone.
 */
export async function stopChild(child: ChildProcess | null, close: () => void): Promise<void> {
  if (!child) {
    close();
    return;
  }
  if (await exitOf(child, GRACEFUL_EXIT_MS)) {
    close();
    return;
  }
  close();
  if (await exitOf(child, KILL_AFTER_MS)) return;
  child.kill('SIGKILL');
  await exitOf(child, KILL_AFTER_MS);
}

/** Edits name files; a hunk is placed by reading the file, but not a huge one. */
const MAX_READ_BYTES = 2 * 1024 * 1024;

/** A file's text for placing an edit's hunk; null when it is missing or too big to bother. */
export function readSmallFile(path: string): string | null {
  try {
    if (statSync(path).size > MAX_READ_BYTES) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
