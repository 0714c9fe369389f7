import { access, constants, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { SkeinError } from '../../../src-shared/contract/errors';
import { bwrapArgs } from './bwrap-args';
import { detectSandbox } from './detect-sandbox';
import { gitMetadataPaths } from './git-paths';
import { existingHiddenPaths } from './hidden-paths';
import { seatbeltArgs, seatbeltProfile } from './seatbelt-profile';
import type { SandboxSupport, SandboxUnavailable, WrapCommandRequest, WrappedCommand } from './types';

/** Tells a command (and a curious user) that it runs confined, and how; Codex sets CODEX_SANDBOX likewise. */
export const SANDBOX_ENV_VAR = 'SKEIN_SANDBOX';

/**
 * Turns a shell command into the program and arguments that run it confined to the worktree.
 * Returns `{ unavailable }` when this machine has no working sandbox: the caller must then ask the
 * user before each command. It never falls back to running unconfined by itself.
 */
export async function wrapCommand(
  request: WrapCommandRequest,
  support?: SandboxSupport,
): Promise<WrappedCommand | SandboxUnavailable> {
  const env = baseEnv(request);
  const argv = await shellArgv(request.command);
  if (request.mode === 'danger-full-access') {
    return { file: argv[0] as string, args: argv.slice(1), env, sandbox: 'none' };
  }
  const cwd = await realExisting(request.cwd, 'worktree');
  const available = support ?? (await detectSandbox());
  if (available.kind === 'none') return { unavailable: available.reason };

  const [gitPaths, hidden, extraWritable] = await Promise.all([
    gitMetadataPaths(cwd, request.gitDir),
    existingHiddenPaths(env.HOME, request.hiddenPaths ?? [], process.getuid?.()),
    Promise.all((request.extraWritable ?? []).map((path) => realExisting(path, 'writable folder'))),
  ]);

  if (available.kind === 'bwrap') {
    const profile = {
      cwd,
      mode: request.mode,
      network: request.network,
      canMountProc: available.canMountProc,
      extraWritable,
      gitPaths,
      hidden,
    };
    // /tmp inside is private and empty; a TMPDIR pointing elsewhere would be read-only or hidden.
    return {
      file: available.path,
      args: bwrapArgs(profile, argv),
      env: { ...env, TMPDIR: '/tmp' },
      sandbox: 'bwrap',
    };
  }

  const temp = await realpath(env.TMPDIR ?? tmpdir()).catch(() => tmpdir());
  const writableRoots =
    request.mode === 'workspace-write'
      ? [cwd, ...extraWritable, temp, '/private/tmp'].map((root) => ({ root, readOnly: gitPaths }))
      : [];
  // Seatbelt cannot re-allow reads below a denied folder reliably, so a hidden ancestor of the worktree is skipped.
  const hiddenPaths = hidden.map((entry) => entry.path).filter((path) => !cwd.startsWith(`${path}/`));
  const profile = seatbeltProfile({ writableRoots, hidden: hiddenPaths, network: request.network });
  return { file: available.path, args: seatbeltArgs(profile, argv), env, sandbox: 'seatbelt' };
}

export function isSandboxUnavailable(
  value: WrappedCommand | SandboxUnavailable,
): value is SandboxUnavailable {
  return 'unavailable' in value;
}

function baseEnv(request: WrapCommandRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.env ?? process.env)) {
    if (value !== undefined) env[name] = value;
  }
  env[SANDBOX_ENV_VAR] = request.mode;
  if (!request.network) env.SKEIN_SANDBOX_NETWORK_DISABLED = '1';
  return env;
}

/** `bash -lc` so the user's login profile (PATH, version managers) applies, as in their terminal. */
async function shellArgv(command: string): Promise<string[]> {
  const bash = '/bin/bash';
  const hasBash = await access(bash, constants.X_OK).then(
    () => true,
    () => false,
  );
  return hasBash ? [bash, '-lc', command] : ['/bin/sh', '-c', command];
}

async function realExisting(path: string, what: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    throw new SkeinError(
      'PATH_NOT_FOUND',
      `The ${what} ${path} does not exist, so the command cannot run there.`,
      { path },
    );
  }
}
