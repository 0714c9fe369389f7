import type { HiddenPath } from './hidden-paths';

export interface BwrapProfile {
  cwd: string;
  mode: 'read-only' | 'workspace-write';
  network: boolean;
  /** False where the kernel refuses a fresh /proc (some containers): /proc is then an empty tmpfs. */
  canMountProc: boolean;
  extraWritable: readonly string[];
  gitPaths: readonly string[];
  hidden: readonly HiddenPath[];
}

interface Mount {
  path: string;
  args: string[];
}

/**
 * bubblewrap arguments for a profile, ending in `--` and `argv`. Pure, so the profile is unit
 * tested; what the kernel then enforces is checked by test/integration/sandbox-*.test.ts.
 *
 * The whole host is visible read-only; on top, mounts are applied shallowest first so the most
 * specific wins (a hidden ~/.ssh inside a writable home, a read-only .git inside a writable worktree).
 */
export function bwrapArgs(profile: BwrapProfile, argv: readonly string[]): string[] {
  const writable = profile.mode === 'workspace-write';
  const mounts: Mount[] = [
    ...profile.hidden.map((hidden) =>
      hidden.isDirectory
        ? { path: hidden.path, args: ['--tmpfs', hidden.path] }
        : { path: hidden.path, args: ['--ro-bind', '/dev/null', hidden.path] },
    ),
    // Bound explicitly even when read-only: a worktree under /tmp would otherwise vanish under the private /tmp.
    { path: profile.cwd, args: [writable ? '--bind' : '--ro-bind', profile.cwd, profile.cwd] },
    ...(writable ? profile.extraWritable.map((path) => ({ path, args: ['--bind', path, path] })) : []),
    ...profile.gitPaths.map((path) => ({ path, args: ['--ro-bind', path, path] })),
  ];
  const ordered = mounts
    .map((mount, index) => ({ mount, index }))
    .sort((a, b) => depth(a.mount.path) - depth(b.mount.path) || a.index - b.index)
    .flatMap(({ mount }) => mount.args);
  // Made read-only last: mount points for deeper binds may first have to be created inside them.
  const remounts = profile.hidden
    .filter((hidden) => hidden.isDirectory)
    .flatMap((hidden) => ['--remount-ro', hidden.path]);

  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    ...(profile.canMountProc ? ['--proc', '/proc'] : ['--tmpfs', '/proc']),
    '--tmpfs',
    '/tmp',
    ...ordered,
    ...remounts,
    '--unshare-pid',
    ...(profile.network ? [] : ['--unshare-net']),
    '--die-with-parent',
    // Its own session: the command cannot push keystrokes into Skein's terminal (TIOCSTI).
    '--new-session',
    // As root, bwrap would keep every capability, and `mount -o remount,rw /` would undo it all.
    '--cap-drop',
    'ALL',
    '--chdir',
    profile.cwd,
    '--',
    ...argv,
  ];
}

function depth(path: string): number {
  return path.split('/').filter((part) => part !== '').length;
}
