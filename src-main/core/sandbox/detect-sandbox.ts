import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { createLogger } from '../log';
import type { SandboxSupport } from './types';

const log = createLogger('sandbox');

/** Only this sandbox-exec is trusted: a copy earlier on PATH could be anything (as Codex does). */
export const SEATBELT_PATH = '/usr/bin/sandbox-exec';
/** A probe is a no-op `true` in a namespace; seconds means something is wrong, not slow. */
const PROBE_TIMEOUT_MS = 5_000;

export interface DetectSandboxOptions {
  platform?: NodeJS.Platform;
  /** The PATH searched for bwrap; process.env.PATH when omitted. */
  path?: string;
}

const cache = new Map<string, Promise<SandboxSupport>>();

/**
 * What sandbox this machine can run, probed once per platform and PATH. On Linux bwrap must be on
 * PATH and able to create namespaces here (unprivileged user namespaces can be disabled by sysctl,
 * by AppArmor on Ubuntu 24.04, or inside a container), so it is run once rather than assumed.
 */
export function detectSandbox(options: DetectSandboxOptions = {}): Promise<SandboxSupport> {
  const platform = options.platform ?? process.platform;
  const searchPath = options.path ?? process.env.PATH ?? '';
  const key = `${platform}\0${searchPath}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = probe(platform, searchPath).then((support) => {
      log.info(`Sandbox support: ${support.kind === 'none' ? `none (${support.reason})` : support.kind}`);
      return support;
    });
    cache.set(key, pending);
  }
  return pending;
}

async function probe(platform: NodeJS.Platform, searchPath: string): Promise<SandboxSupport> {
  if (platform === 'darwin') {
    return (await isExecutable(SEATBELT_PATH))
      ? { kind: 'seatbelt', path: SEATBELT_PATH }
      : { kind: 'none', reason: `${SEATBELT_PATH} is missing, so commands cannot be sandboxed on this Mac` };
  }
  if (platform !== 'linux')
    return { kind: 'none', reason: `Skein has no command sandbox for ${platform} yet` };

  const bwrap = await findOnPath('bwrap', searchPath);
  if (!bwrap) {
    return {
      kind: 'none',
      reason:
        "bubblewrap (bwrap) is not installed; install the 'bubblewrap' package to sandbox agent commands",
    };
  }
  const basic = await run(bwrap, ['--ro-bind', '/', '/', '--dev', '/dev', 'true']);
  if (basic !== null) {
    return {
      kind: 'none',
      reason: `bwrap cannot create namespaces here (${basic}); unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone, or AppArmor's restrict_unprivileged_userns on Ubuntu 24.04+)`,
    };
  }
  const isolation = [
    '--unshare-pid',
    '--unshare-net',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
  ];
  const withProc = await run(bwrap, [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    ...isolation,
    'true',
  ]);
  if (withProc === null) return { kind: 'bwrap', path: bwrap, canMountProc: true };
  const withoutProc = await run(bwrap, [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--tmpfs',
    '/proc',
    ...isolation,
    'true',
  ]);
  if (withoutProc === null) return { kind: 'bwrap', path: bwrap, canMountProc: false };
  return { kind: 'none', reason: `bwrap cannot isolate processes and network here (${withoutProc})` };
}

/** Runs a probe; null on success, else a one-line reason. */
function run(file: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (!error) resolve(null);
      else resolve((stderr.trim().split('\n')[0] ?? '') || error.message);
    });
  });
}

async function findOnPath(name: string, searchPath: string): Promise<string | null> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
