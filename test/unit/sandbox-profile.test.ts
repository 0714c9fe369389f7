import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bwrapArgs,
  gitMetadataPaths,
  HeadTailBuffer,
  isSandboxUnavailable,
  seatbeltArgs,
  seatbeltProfile,
  wrapCommand,
  type BwrapProfile,
  type WrappedCommand,
} from '../../src-main/core/sandbox';

const argv = ['/bin/bash', '-lc', 'make test'];

function profile(overrides: Partial<BwrapProfile> = {}): BwrapProfile {
  return {
    cwd: '/work/wt',
    mode: 'workspace-write',
    network: false,
    canMountProc: true,
    extraWritable: [],
    gitPaths: ['/work/wt/.git', '/repo/.git'],
    hidden: [
      { path: '/home/u/.ssh', isDirectory: true },
      { path: '/home/u/.npmrc', isDirectory: false },
    ],
    ...overrides,
  };
}

/** The argument pairs/triples of a bwrap command line, as strings, for order checks. */
function mounts(args: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.indexOf('--'); index += 1) {
    const flag = args[index] as string;
    if (flag === '--bind' || flag === '--ro-bind') {
      out.push(`${flag} ${args[index + 1]} ${args[index + 2]}`);
      index += 2;
    } else if (['--tmpfs', '--remount-ro', '--proc', '--dev', '--chdir', '--cap-drop'].includes(flag)) {
      out.push(`${flag} ${args[index + 1]}`);
      index += 1;
    } else out.push(flag);
  }
  return out;
}

describe('bwrapArgs', () => {
  it('builds the workspace-write profile: read-only host, writable worktree, read-only git, hidden secrets, no network', () => {
    const args = bwrapArgs(profile(), argv);
    expect(mounts(args)).toEqual([
      '--ro-bind / /',
      '--dev /dev',
      '--proc /proc',
      '--tmpfs /tmp',
      '--bind /work/wt /work/wt',
      '--ro-bind /repo/.git /repo/.git',
      '--tmpfs /home/u/.ssh',
      '--ro-bind /dev/null /home/u/.npmrc',
      '--ro-bind /work/wt/.git /work/wt/.git',
      '--remount-ro /home/u/.ssh',
      '--unshare-pid',
      '--unshare-net',
      '--die-with-parent',
      '--new-session',
      '--cap-drop ALL',
      '--chdir /work/wt',
    ]);
    expect(args.slice(args.indexOf('--'))).toEqual(['--', ...argv]);
  });

  it('read-only binds the worktree read-only and ignores extra writable folders; network keeps the host namespace', () => {
    const args = mounts(
      bwrapArgs(profile({ mode: 'read-only', network: true, extraWritable: ['/cache'] }), argv),
    );
    expect(args).toContain('--ro-bind /work/wt /work/wt');
    expect(args.join(' ')).not.toContain('--bind /work/wt');
    expect(args.join(' ')).not.toContain('/cache');
    expect(args).not.toContain('--unshare-net');
  });

  it('mounts shallow paths first, so a worktree inside a hidden folder and a secret inside a writable one both hold', () => {
    const args = mounts(
      bwrapArgs(
        profile({
          cwd: '/home/u',
          gitPaths: [],
          hidden: [
            { path: '/data/skein', isDirectory: true },
            { path: '/home/u/.ssh', isDirectory: true },
          ],
          extraWritable: ['/data/skein/cache/npm'],
        }),
        argv,
      ),
    );
    expect(args.indexOf('--tmpfs /data/skein')).toBeLessThan(
      args.indexOf('--bind /data/skein/cache/npm /data/skein/cache/npm'),
    );
    expect(args.indexOf('--bind /home/u /home/u')).toBeLessThan(args.indexOf('--tmpfs /home/u/.ssh'));
    expect(args.indexOf('--remount-ro /data/skein')).toBeGreaterThan(
      args.indexOf('--bind /data/skein/cache/npm /data/skein/cache/npm'),
    );
  });

  it('hides /proc behind a tmpfs where a fresh /proc cannot be mounted', () => {
    const args = mounts(bwrapArgs(profile({ canMountProc: false }), argv));
    expect(args).toContain('--tmpfs /proc');
    expect(args).not.toContain('--proc /proc');
  });
});

describe('seatbeltProfile', () => {
  it('denies by default, hides secrets, allows writes to roots minus git metadata, and no network', () => {
    const generated = seatbeltProfile({
      writableRoots: [{ root: '/Users/u/wt', readOnly: ['/Users/u/wt/.git', '/Users/u/repo/.git'] }],
      hidden: ['/Users/u/.ssh'],
      network: false,
    });
    expect(generated.params).toEqual({
      HIDDEN_0: '/Users/u/.ssh',
      WRITABLE_ROOT_0: '/Users/u/wt',
      WRITABLE_ROOT_0_RO_0: '/Users/u/wt/.git',
      WRITABLE_ROOT_0_RO_1: '/Users/u/repo/.git',
    });
    expect(generated.profile).toMatch(/^\(version 1\)\n\(deny default\)\n/);
    expect(generated.profile).toContain(
      '(allow file-read*\n  (require-all\n    (require-not (subpath (param "HIDDEN_0")))))',
    );
    expect(generated.profile).toContain(
      '(allow file-write*\n  (require-all\n    (subpath (param "WRITABLE_ROOT_0"))\n    (require-not (subpath (param "WRITABLE_ROOT_0_RO_0")))\n    (require-not (subpath (param "WRITABLE_ROOT_0_RO_1")))))',
    );
    expect(generated.profile).not.toContain('network-outbound');
    // Paths travel only as parameters.
    expect(generated.profile).not.toContain('/Users/u');
  });

  it('read-only has no write rule; granted network adds outbound and DNS', () => {
    const generated = seatbeltProfile({ writableRoots: [], hidden: [], network: true });
    expect(generated.profile).not.toContain('(allow file-write*');
    expect(generated.profile).toContain('(allow file-read*)');
    expect(generated.profile).toContain('(allow network-outbound)');
    expect(generated.profile).toContain('com.apple.dnssd.service');
  });

  it('passes parameters as -D NAME=value before the command', () => {
    const generated = seatbeltProfile({
      writableRoots: [{ root: "/tmp/it's here", readOnly: [] }],
      hidden: [],
      network: false,
    });
    expect(seatbeltArgs(generated, argv)).toEqual([
      '-p',
      generated.profile,
      '-D',
      "WRITABLE_ROOT_0=/tmp/it's here",
      '--',
      ...argv,
    ]);
  });
});

describe('wrapCommand', () => {
  let base: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'skein-wrap-')));
    mkdirSync(join(base, 'wt'));
    mkdirSync(join(base, 'home/.aws'), { recursive: true });
    writeFileSync(join(base, 'home/.netrc'), 'machine x password y\n');
  });
  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  const request = (mode: 'read-only' | 'workspace-write' | 'danger-full-access') => ({
    command: 'npm test',
    cwd: join(base, 'wt'),
    mode,
    network: false,
    env: { PATH: '/usr/bin', HOME: join(base, 'home'), UNDEFINED: undefined },
  });

  it('danger-full-access runs the shell directly', async () => {
    const wrapped = (await wrapCommand(request('danger-full-access'), {
      kind: 'none',
      reason: 'irrelevant',
    })) as WrappedCommand;
    expect(wrapped.sandbox).toBe('none');
    expect([wrapped.file, ...wrapped.args]).toEqual(['/bin/bash', '-lc', 'npm test']);
    expect(wrapped.env).toEqual({
      PATH: '/usr/bin',
      HOME: join(base, 'home'),
      SKEIN_SANDBOX: 'danger-full-access',
      SKEIN_SANDBOX_NETWORK_DISABLED: '1',
    });
  });

  it('without a sandbox it says why and never wraps', async () => {
    const wrapped = await wrapCommand(request('workspace-write'), { kind: 'none', reason: 'bwrap missing' });
    expect(isSandboxUnavailable(wrapped) && wrapped.unavailable).toBe('bwrap missing');
  });

  it('with bwrap, hides the secrets that exist in HOME and sets a private TMPDIR', async () => {
    const wrapped = (await wrapCommand(request('workspace-write'), {
      kind: 'bwrap',
      path: '/usr/bin/bwrap',
      canMountProc: true,
    })) as WrappedCommand;
    expect(wrapped.file).toBe('/usr/bin/bwrap');
    const line = wrapped.args.join(' ');
    expect(line).toContain(`--tmpfs ${join(base, 'home/.aws')}`);
    expect(line).toContain(`--ro-bind /dev/null ${join(base, 'home/.netrc')}`);
    expect(line).not.toContain('.ssh');
    expect(wrapped.env.TMPDIR).toBe('/tmp');
  });

  it('with sandbox-exec, builds a profile whose writable roots exclude the git metadata', async () => {
    writeFileSync(join(base, 'wt/.git'), `gitdir: ${join(base, 'repo/.git/worktrees/wt')}\n`);
    mkdirSync(join(base, 'repo/.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(base, 'repo/.git/worktrees/wt/commondir'), '../..\n');
    const wrapped = (await wrapCommand(request('workspace-write'), {
      kind: 'seatbelt',
      path: '/usr/bin/sandbox-exec',
    })) as WrappedCommand;
    expect(wrapped.sandbox).toBe('seatbelt');
    expect(wrapped.args[0]).toBe('-p');
    expect(wrapped.args).toContain(`WRITABLE_ROOT_0=${join(base, 'wt')}`);
    expect(wrapped.args).toContain(`WRITABLE_ROOT_0_RO_0=${join(base, 'wt/.git')}`);
    expect(wrapped.args).toContain(`WRITABLE_ROOT_0_RO_2=${join(base, 'repo/.git')}`);
    expect(wrapped.args).toContain(`HIDDEN_0=${join(base, 'home/.aws')}`);
  });

  it('refuses a worktree that does not exist', async () => {
    await expect(
      wrapCommand(
        { ...request('workspace-write'), cwd: join(base, 'gone') },
        { kind: 'bwrap', path: 'bwrap', canMountProc: true },
      ),
    ).rejects.toMatchObject({
      kind: 'PATH_NOT_FOUND',
    });
  });
});

describe('gitMetadataPaths', () => {
  let base: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'skein-gitpaths-')));
  });
  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('follows a gitdir pointer (relative) to the common dir, and resolves symlinks', async () => {
    mkdirSync(join(base, 'repo/.git/worktrees/t'), { recursive: true });
    writeFileSync(join(base, 'repo/.git/worktrees/t/commondir'), '../..\n');
    mkdirSync(join(base, 'wt'));
    writeFileSync(join(base, 'wt/.git'), 'gitdir: ../repo/.git/worktrees/t\n');
    symlinkSync(join(base, 'repo/.git'), join(base, 'alias'));
    expect(await gitMetadataPaths(join(base, 'wt'), join(base, 'alias'))).toEqual([
      join(base, 'wt/.git'),
      join(base, 'repo/.git/worktrees/t'),
      join(base, 'repo/.git'),
    ]);
  });

  it('is empty outside a repository', async () => {
    expect(await gitMetadataPaths(base)).toEqual([]);
  });
});

describe('HeadTailBuffer', () => {
  it('keeps everything under the limit', () => {
    const buffer = new HeadTailBuffer(10);
    buffer.push(Buffer.from('abc'));
    buffer.push(Buffer.from('defg'));
    expect(buffer.toString()).toBe('abcdefg');
    expect(buffer.omittedBytes).toBe(0);
  });

  it('keeps the first and last halves across many chunks, and counts what it dropped', () => {
    const buffer = new HeadTailBuffer(10);
    for (const chunk of ['01234', '56', '789ab', 'cdefghij', 'klmno']) buffer.push(Buffer.from(chunk));
    expect(buffer.totalBytes).toBe(25);
    expect(buffer.omittedBytes).toBe(15);
    expect(buffer.toString()).toBe('01234\n[… 15 bytes omitted …]\nklmno');
  });
});
