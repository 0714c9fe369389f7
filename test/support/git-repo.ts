import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in temp folders for tests and benchmarks. Fixture-building git runs
 * directly (not through the host's queue) with a fixed identity and no user/system config, so a
 * developer's ~/.gitconfig cannot change what the tests see.
 */
const FIXTURE_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Skein Test',
  GIT_AUTHOR_EMAIL: 'test@skein.invalid',
  GIT_COMMITTER_NAME: 'Skein Test',
  GIT_COMMITTER_EMAIL: 'test@skein.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LC_ALL: 'C',
};

function fixtureEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...FIXTURE_ENV };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[key];
  return env;
}

export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    env: fixtureEnv(),
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Owns temp folders made during a test; `cleanup()` removes them all (call it in afterEach/afterAll). */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix = 'skein-test-'): string {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export class TestRepo {
  constructor(readonly path: string) {}

  git(...args: string[]): string {
    return git(this.path, args);
  }

  write(file: string, content: string): this {
    const target = join(this.path, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return this;
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string, files: Record<string, string> = {}): string {
    for (const [file, content] of Object.entries(files)) this.write(file, content);
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.head();
  }

  head(rev = 'HEAD'): string {
    return this.git('rev-parse', rev).trim();
  }

  branch(name: string, from = 'HEAD'): this {
    this.git('branch', name, from);
    return this;
  }

  branches(): string[] {
    return this.git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean);
  }

  /** Paths of every worktree git knows for this repository (main first). */
  worktrees(): string[] {
    return this.git('worktree', 'list', '--porcelain')
      .split('\n')
      .filter((line) => line.startsWith('worktree '))
      .map((line) => line.slice('worktree '.length));
  }
}

export interface RepoSpec {
  /** Files of the first commit; default a README. */
  files?: Record<string, string>;
  /** Branches made at the first commit. */
  branches?: string[];
  defaultBranch?: string;
}

/** A repository with one commit (and optional branches). */
export function createRepo(dirs: TempDirs, spec: RepoSpec = {}): TestRepo {
  const repo = createEmptyRepo(dirs, spec.defaultBranch);
  repo.commit('Initial commit', spec.files ?? { 'README.md': '# test repo\n' });
  for (const branch of spec.branches ?? []) repo.branch(branch);
  return repo;
}

/** `git init` with no commits. */
export function createEmptyRepo(dirs: TempDirs, defaultBranch = 'main'): TestRepo {
  const path = join(dirs.make('skein-repo-'), 'repo');
  mkdirSync(path);
  git(path, ['init', '--quiet', `--initial-branch=${defaultBranch}`]);
  return new TestRepo(path);
}

/** A bare repository holding one commit (cloned from a normal one). */
export function createBareRepo(dirs: TempDirs): string {
  const source = createRepo(dirs);
  const bare = join(dirs.make('skein-bare-'), 'repo.git');
  git(dirname(bare), ['clone', '--quiet', '--bare', source.path, bare]);
  return bare;
}

/**
 * A repository of `fileCount` small files in one commit. Fast because the files are written
 * directly and committed with a single `git add`.
 */
export function createLargeRepo(dirs: TempDirs, fileCount: number, filesPerFolder = 100): TestRepo {
  const repo = createEmptyRepo(dirs);
  for (let i = 0; i < fileCount; i += 1) {
    const folder = join(repo.path, 'src', `module-${Math.floor(i / filesPerFolder)}`);
    if (i % filesPerFolder === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, `file-${i}.ts`),
      `export const value${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`,
    );
  }
  repo.git('add', '--all');
  repo.git('commit', '--quiet', '-m', `${fileCount} files`);
  return repo;
}
