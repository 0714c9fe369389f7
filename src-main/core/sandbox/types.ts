/**
 * How much a command may touch (the Codex vocabulary):
 * - `read-only`: read anything not hidden, write nowhere but a private /tmp.
 * - `workspace-write`: also write the thread's worktree (and `extraWritable`), never its git metadata.
 * - `danger-full-access`: no sandbox at all; only with the user's explicit consent.
 */
export type SandboxMode = 'read-only' | 'workspace-write' | 'danger-full-access';

export interface WrapCommandRequest {
  /** A shell command line, run by `bash -lc` (or `/bin/sh -c` where bash is missing). */
  command: string;
  /** The thread's worktree: where the command runs and, in workspace-write, what it may change. */
  cwd: string;
  mode: SandboxMode;
  /** Allow network access; without it the command gets its own empty network namespace. */
  network: boolean;
  /** The repository's common git dir (`git rev-parse --git-common-dir`); found from `cwd/.git` when omitted. */
  gitDir?: string;
  /** More folders the command may write in workspace-write mode (a build cache, for example). */
  extraWritable?: string[];
  /** More paths the command must not read (Skein's own data folder, for example). */
  hiddenPaths?: string[];
  /** The environment to run with; `process.env` when omitted. HOME here decides which secrets are hidden. */
  env?: NodeJS.ProcessEnv;
}

export interface WrappedCommand {
  /** The program to spawn (`bwrap`, `/usr/bin/sandbox-exec`, or the shell itself for danger-full-access). */
  file: string;
  args: string[];
  env: Record<string, string>;
  /** The sandbox that confines it, for logs and the UI. */
  sandbox: 'bwrap' | 'seatbelt' | 'none';
}

/** No sandbox could be built: the caller must ask the user before running the command unconfined. */
export interface SandboxUnavailable {
  unavailable: string;
}

export type SandboxSupport =
  | { kind: 'bwrap'; path: string; canMountProc: boolean }
  | { kind: 'seatbelt'; path: string }
  | { kind: 'none'; reason: string };
