import { SkeinError } from '../../../src-shared/contract';

/**
 * What to run in a terminal: the user's shell, either a path (started as a login shell so the user's
 * PATH and profile apply) or an explicit file + arguments (tests use `/bin/bash --noprofile --norc`).
 */
export type TerminalShell = string | { file: string; args: string[] };

export interface LaunchCommand {
  file: string;
  args: string[];
}

const FALLBACK_SHELL = '/bin/bash';

/** The shell to use: the configured one, else $SHELL, else /bin/bash. */
export function resolveShell(configured: TerminalShell | undefined, env: NodeJS.ProcessEnv): LaunchCommand {
  if (configured !== undefined && typeof configured !== 'string') {
    return { file: configured.file, args: [...configured.args] };
  }
  const file = configured || env.SHELL || FALLBACK_SHELL;
  // A pty makes the shell interactive by itself; `-l` makes it a login shell (bash, zsh, fish, sh all accept it).
  return { file, args: ['-l'] };
}

/**
 * The interactive shell, or `<shell> <args> -c <command>` for a command terminal. The command is
 * passed as one argv element: no shell string is ever built out of user data.
 */
export function buildLaunchCommand(shell: LaunchCommand, command?: string): LaunchCommand {
  if (command === undefined) return { file: shell.file, args: [...shell.args] };
  return { file: shell.file, args: [...shell.args, '-c', command] };
}

/**
 * A program run without a shell: `argv[0]` is the file, the rest its arguments, each passed as one
 * argv element untouched. Refused when empty or when an element holds a NUL (argv cannot carry one).
 */
export function argvLaunchCommand(argv: readonly string[]): LaunchCommand {
  const [file, ...args] = argv;
  if (file === undefined || file === '') {
    throw new SkeinError('INVALID_PARAMS', 'A program to run needs at least its file name.');
  }
  if (argv.some((part) => part.includes('\0'))) {
    throw new SkeinError(
      'INVALID_PARAMS',
      'An argument of the program contains a NUL character, which cannot be passed.',
    );
  }
  return { file, args };
}

/**
 * Variables of the host's own runtime that must not leak into a user's shell: with
 * ELECTRON_RUN_AS_NODE set, every Electron app the user starts from the terminal would run as plain Node.
 */
const HOST_ONLY_VARIABLES = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE'];

export interface TerminalEnvInput {
  base: NodeJS.ProcessEnv;
  threadId: string;
  terminalId: string;
  cwd: string;
  extra?: Record<string, string>;
}

export function buildTerminalEnv(input: TerminalEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.base)) {
    if (value !== undefined && !HOST_ONLY_VARIABLES.includes(key)) env[key] = value;
  }
  return {
    ...env,
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    SKEIN_THREAD_ID: input.threadId,
    SKEIN_TERMINAL_ID: input.terminalId,
    SKEIN_WORKTREE: input.cwd,
    ...input.extra,
  };
}
