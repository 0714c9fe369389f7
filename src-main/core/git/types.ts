export type GitPriority = 'normal' | 'low';

export interface GitRunOptions {
  cwd: string;
  /** Extra environment (e.g. GIT_INDEX_FILE for snapshots); merged over a sanitized process env. */
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-tree` means "conflicts"). */
  allowedExitCodes?: number[];
  signal?: AbortSignal;
  /** `low` is for background upkeep (the worktree pool): it only gets a slot no user action is waiting for. */
  priority?: GitPriority;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Every git subprocess of the host goes through one bounded queue, so a burst of threads cannot fork-bomb the machine. */
export interface GitQueue {
  run(args: string[], options: GitRunOptions): Promise<GitResult>;
  /** Calls waiting for a slot plus calls running. */
  readonly pending: number;
  dispose(): void;
}

export interface GitQueueOptions {
  concurrency: number;
  /** The git executable; tests point it elsewhere to exercise a missing git. */
  binary?: string;
}
