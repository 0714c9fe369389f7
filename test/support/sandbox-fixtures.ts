import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fixtures live under /var/tmp, not /tmp: the sandbox mounts a private, empty /tmp, so a target
 * under /tmp would be "unwritable" for the wrong reason and an escape test would prove nothing.
 */
const FIXTURE_PARENT = '/var/tmp';

export interface SandboxFixture {
  base: string;
  /** A repository with one commit; `.git` is a folder here. */
  repo: string;
  /** A linked worktree of `repo` (its `.git` is a `gitdir:` pointer file), as Skein's threads use. */
  worktree: string;
  /** The repository's common git dir (`repo/.git`). */
  commonDir: string;
  /** A folder outside every worktree, writable on the host. */
  outside: string;
  /** A fake HOME holding a fake SSH key and a registry token. */
  home: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

export function createSandboxFixture(): SandboxFixture {
  const base = realpathSync(mkdtempSync(join(FIXTURE_PARENT, 'skein-sandbox-')));
  const repo = join(base, 'repo');
  const worktree = join(base, 'worktree');
  const outside = join(base, 'outside');
  const home = join(base, 'home');
  mkdirSync(repo);
  mkdirSync(outside);
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_test'), 'FAKE PRIVATE KEY\n');
  writeFileSync(join(home, '.npmrc'), '//registry.example/:_authToken=FAKE\n');

  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@skein.invalid');
  git(repo, 'config', 'user.name', 'Skein Test');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial commit');
  git(repo, 'worktree', 'add', '-q', '-b', 'skein/thread', worktree);

  return {
    base,
    repo,
    worktree,
    commonDir: join(repo, '.git'),
    outside,
    home,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
    dispose() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
