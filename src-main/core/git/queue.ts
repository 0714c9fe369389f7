import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SkeinError } from '../../../src-shared/contract';
import { gitEnvironment } from './environment';
import { GitAbortError, gitFailed } from './errors';
import { gitMissingMessage, gitTooOldMessage, isSupportedGitVersion } from './git-version';
import type { GitQueue, GitQueueOptions, GitResult, GitRunOptions } from './types';

/** Applied to every call: paths in output stay raw UTF-8 instead of octal-escaped quotes. */
const GLOBAL_ARGS = ['-c', 'core.quotepath=off', '-c', 'advice.detachedHead=false', '-c', 'color.ui=false'];

/**
 * Each git runs in its own process group so a cancel reaches the helpers it spawns too: `worktree add`
 * checks out through a child `git reset --hard`, which would otherwise keep writing files after its
 * parent was killed (and keep `close` from firing until it finished).
 */
const OWN_PROCESS_GROUP = process.platform !== 'win32';

function spawnRefusal(error: unknown): Error {
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_INVALID_ARG_VALUE') {
    return new SkeinError(
      'INVALID_PARAMS',
      'A branch name or path given to git contains a NUL character; remove it and try again.',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function terminate(child: ChildProcess | undefined): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (OWN_PROCESS_GROUP && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

interface Job {
  args: string[];
  options: GitRunOptions;
  resolve: (result: GitResult) => void;
  reject: (error: Error) => void;
  child?: ChildProcess;
  removeAbortListener?: () => void;
}

/**
 * Background (low priority) work may hold at most all slots but one, so a user action
 * always finds a free slot within one git call's time even while the pool refills.
 */
function lowPrioritySlots(concurrency: number): number {
  return Math.max(1, concurrency - 1);
}

export function createGitQueue(options: GitQueueOptions): GitQueue {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const binary = options.binary ?? 'git';
  const waitingNormal: Job[] = [];
  const waitingLow: Job[] = [];
  const running = new Set<Job>();
  let runningLow = 0;
  let disposed = false;

  const next = (): void => {
    while (running.size < concurrency) {
      let job = waitingNormal.shift();
      if (!job && runningLow < lowPrioritySlots(concurrency)) job = waitingLow.shift();
      if (!job) return;
      start(job);
    }
  };

  const finish = (job: Job): void => {
    job.removeAbortListener?.();
    if (running.delete(job) && job.options.priority === 'low') runningLow -= 1;
    next();
  };

  const start = (job: Job): void => {
    running.add(job);
    if (job.options.priority === 'low') runningLow += 1;
    const { cwd, input } = job.options;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const settle = (outcome: { result: GitResult } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      finish(job);
      if ('error' in outcome) job.reject(outcome.error);
      else job.resolve(outcome.result);
    };

    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(binary, [...GLOBAL_ARGS, ...job.args], {
        cwd,
        env: gitEnvironment(process.env, job.options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        detached: OWN_PROCESS_GROUP,
      });
    } catch (error) {
      // spawn throws on a NUL byte in an argument (a client's branch name or path). Started from another
      // job's exit handler, that throw would escape and end the host (found by the contract fuzz).
      settle({ error: spawnRefusal(error) });
      return;
    }
    job.child = child;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A git that exits before reading its input (e.g. bad args) would otherwise crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && !existsSync(cwd)) {
        settle({
          error: new SkeinError(
            'PATH_NOT_FOUND',
            `The folder ${cwd} does not exist, so git cannot run there.`,
            { cwd },
          ),
        });
      } else if (error.code === 'ENOENT') {
        settle({
          error: new SkeinError('GIT_MISSING', gitMissingMessage(binary), { binary }),
        });
      } else {
        settle({ error });
      }
    });
    child.on('close', (code, signal) => {
      if (job.options.signal?.aborted || disposed) {
        settle({ error: new GitAbortError() });
        return;
      }
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      const exitCode = code ?? (signal ? 128 : -1);
      if (exitCode === 0 || job.options.allowedExitCodes?.includes(exitCode)) {
        settle({ result: { stdout: out, stderr: err, exitCode } });
      } else {
        settle({ error: gitFailed(job.args, cwd, exitCode, err) });
      }
    });
  };

  const enqueue = (args: string[], runOptions: GitRunOptions): Promise<GitResult> => {
    if (disposed)
      return Promise.reject(new GitAbortError('The git queue is closed (the host is shutting down).'));
    if (runOptions.signal?.aborted) return Promise.reject(new GitAbortError());
    return new Promise<GitResult>((resolve, reject) => {
      const job: Job = { args, options: runOptions, resolve, reject };
      const signal = runOptions.signal;
      if (signal) {
        const onAbort = (): void => {
          const queue = runOptions.priority === 'low' ? waitingLow : waitingNormal;
          const index = queue.indexOf(job);
          if (index >= 0) {
            queue.splice(index, 1);
            job.removeAbortListener?.();
            reject(new GitAbortError());
          } else {
            terminate(job.child);
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.removeAbortListener = () => signal.removeEventListener('abort', onAbort);
      }
      (runOptions.priority === 'low' ? waitingLow : waitingNormal).push(job);
      next();
    });
  };

  // Asked once, on the first merge-tree: an older git would fail it with a usage screen instead of a reason.
  let tooOld: Promise<SkeinError | null> | null = null;
  const checkVersion = (cwd: string): Promise<SkeinError | null> => {
    tooOld ??= enqueue(['--version'], { cwd }).then(
      ({ stdout }) => {
        const version = stdout.trim().replace(/^git version\s+/, '');
        return isSupportedGitVersion(version)
          ? null
          : new SkeinError('UNSUPPORTED', gitTooOldMessage(version), { gitVersion: version });
      },
      // No answer (git missing, folder gone): the call itself reports that, and the next one asks again.
      () => {
        tooOld = null;
        return null;
      },
    );
    return tooOld;
  };

  return {
    run(args, runOptions) {
      if (args[0] !== 'merge-tree' || disposed) return enqueue(args, runOptions);
      return checkVersion(runOptions.cwd).then((problem) =>
        problem ? Promise.reject(problem) : enqueue(args, runOptions),
      );
    },
    get pending() {
      return waitingNormal.length + waitingLow.length + running.size;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const job of [...waitingNormal.splice(0), ...waitingLow.splice(0)]) {
        job.removeAbortListener?.();
        job.reject(new GitAbortError('The git queue is closed (the host is shutting down).'));
      }
      for (const job of running) terminate(job.child);
    },
  };
}
