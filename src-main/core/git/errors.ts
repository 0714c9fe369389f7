import { SkeinError } from '../../../src-shared/contract';

/** Thrown for a call that was cancelled through its AbortSignal or by disposing the queue. */
export class GitAbortError extends Error {
  constructor(message = 'The git command was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isGitAbortError(error: unknown): error is GitAbortError {
  return error instanceof GitAbortError;
}

/** True when a failure came from git exiting non-zero (as opposed to a missing binary or a cancel). */
export function isGitFailure(error: unknown): error is SkeinError {
  return error instanceof SkeinError && error.kind === 'GIT_FAILED';
}

/** The stderr git printed for a GIT_FAILED error, or ''. */
export function gitStderr(error: unknown): string {
  if (!isGitFailure(error)) return '';
  const stderr = error.details?.stderr;
  return typeof stderr === 'string' ? stderr : '';
}

export function gitFailed(args: string[], cwd: string, exitCode: number, stderr: string): SkeinError {
  const firstLine =
    stderr
      .trim()
      .split('\n')
      .find((line) => line.trim() !== '') ?? 'no message';
  return new SkeinError(
    'GIT_FAILED',
    `git ${args[0] ?? ''} failed in ${cwd} (exit ${exitCode}): ${firstLine.replace(/^(fatal|error): /, '')}`,
    { args, cwd, exitCode, stderr: stderr.slice(0, 8000) },
  );
}
