import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { git, TempDirs } from '../support/git-repo';
import { commitAllIn, startReviewFixture, writeIn, type ReviewFixture } from '../support/review-thread';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let f: ReviewFixture;

/**
 * The host runs in this process and its git reads this environment: no global or system config and
 * an empty HOME, so only what a test sets in the repository decides the identity.
 */
const IDENTITY_VARIABLES = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'EMAIL',
  'HOME',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_NOSYSTEM',
];
const savedEnv = new Map<string, string | undefined>();
beforeAll(() => {
  for (const name of IDENTITY_VARIABLES) {
    savedEnv.set(name, process.env[name]);
    delete process.env[name];
  }
  process.env.HOME = dirs.make('skein-review-home-');
  process.env.GIT_CONFIG_GLOBAL = '/dev/null';
  process.env.GIT_CONFIG_NOSYSTEM = '1';
});
afterAll(() => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  dirs.cleanup();
});

beforeEach(async () => {
  f = await startReviewFixture(dirs, {
    files: { 'README.md': '# demo\n', 'app.ts': 'export const a = 1;\n' },
  });
});
afterEach(async () => {
  await f.t.close();
});

function setIdentity(): void {
  f.repo.git('config', 'user.name', 'Review User');
  f.repo.git('config', 'user.email', 'review@example.com');
}

const log = (format: string) => git(f.worktree, ['log', '-1', `--format=${format}`]).trim();

describe('review/commit', () => {
  it('stages everything, untracked files included, and commits as the user', async () => {
    setIdentity();
    writeIn(f.worktree, 'app.ts', 'export const a = 2;\n');
    writeIn(f.worktree, 'src/new.ts', 'export const n = 1;\n');
    const parent = git(f.worktree, ['rev-parse', 'HEAD']).trim();

    const { commit } = await f.t.client.api.review.commit({
      threadId: f.thread.id,
      message: 'Change a, add new',
    });
    expect(git(f.worktree, ['rev-parse', 'HEAD']).trim()).toBe(commit);
    expect(log('%P')).toBe(parent);
    expect(log('%an <%ae>|%cn <%ce>|%B')).toBe(
      'Review User <review@example.com>|Review User <review@example.com>|Change a, add new',
    );
    expect(git(f.worktree, ['status', '--porcelain'])).toBe('');
    expect(git(f.worktree, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n')).toEqual([
      'app.ts',
      'src/new.ts',
    ]);
    const summary = await f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
    expect(summary.files.map((file) => [file.path, file.uncommitted])).toEqual([
      ['app.ts', false],
      ['src/new.ts', false],
    ]);
  });

  it('commits only the chosen paths, then amends', async () => {
    setIdentity();
    writeIn(f.worktree, 'app.ts', 'export const a = 2;\n');
    writeIn(f.worktree, 'other.ts', 'export const o = 1;\n');
    const base = git(f.worktree, ['rev-parse', 'HEAD']).trim();

    await f.t.client.api.review.commit({ threadId: f.thread.id, message: 'Only app', paths: ['app.ts'] });
    expect(git(f.worktree, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe('app.ts');
    expect(git(f.worktree, ['status', '--porcelain']).trim()).toBe('?? other.ts');

    const { commit } = await f.t.client.api.review.commit({
      threadId: f.thread.id,
      message: 'App and other',
      amend: true,
    });
    expect(log('%P')).toBe(base);
    expect(log('%s')).toBe('App and other');
    expect(git(f.worktree, ['show', '--name-only', '--format=', commit]).trim().split('\n')).toEqual([
      'app.ts',
      'other.ts',
    ]);
  });

  it('refuses to amend a commit of the base, and to commit nothing', async () => {
    setIdentity();
    const amend = await rpcFailure(
      f.t.client.api.review.commit({ threadId: f.thread.id, message: 'Rewrite main', amend: true }),
    );
    expect(amend.kind).toBe('INVALID_STATE');
    expect(amend.message).toMatch(/no commit of its own to amend/);
    expect(git(f.worktree, ['rev-parse', 'HEAD']).trim()).toBe(f.repo.head('main'));

    const nothing = await rpcFailure(
      f.t.client.api.review.commit({ threadId: f.thread.id, message: 'Empty' }),
    );
    expect(nothing.kind).toBe('INVALID_STATE');
    expect(nothing.message).toMatch(/nothing to commit/);
  });

  it('says how to set an identity when git has none, and commits nothing', async () => {
    writeIn(f.worktree, 'app.ts', 'export const a = 2;\n');
    const failure = await rpcFailure(
      f.t.client.api.review.commit({ threadId: f.thread.id, message: 'No one' }),
    );
    expect(failure.kind).toBe('INVALID_STATE');
    expect(failure.message).toContain('git config --global user.name "Your Name"');
    expect(failure.message).toContain('user.email');
    expect(git(f.worktree, ['rev-parse', 'HEAD']).trim()).toBe(f.repo.head('main'));
    expect(git(f.worktree, ['diff', '--cached', '--name-only'])).toBe('');
  });

  it('runs the repository’s hooks, and a refusing hook fails the commit with its output', async () => {
    setIdentity();
    const hook = join(f.repo.path, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "lint: 2 problems in app.ts" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    writeIn(f.worktree, 'app.ts', 'export const a = 2;\n');

    const failure = await rpcFailure(
      f.t.client.api.review.commit({ threadId: f.thread.id, message: 'Blocked' }),
    );
    expect(failure.kind).toBe('GIT_FAILED');
    expect(failure.message).toContain('lint: 2 problems in app.ts');
    expect(JSON.stringify(failure.details)).toContain('lint: 2 problems in app.ts');
    expect(git(f.worktree, ['rev-parse', 'HEAD']).trim()).toBe(f.repo.head('main'));

    writeFileSync(hook, '#!/bin/sh\necho ran >> "$(git rev-parse --git-common-dir)/hook-ran"\n');
    await f.t.client.api.review.commit({ threadId: f.thread.id, message: 'Allowed' });
    expect(log('%s')).toBe('Allowed');
    expect(readFileSync(join(f.repo.path, '.git', 'hook-ran'), 'utf8')).toBe('ran\n');
  });

  it('stays correct on a commit made in the terminal meanwhile', async () => {
    setIdentity();
    writeIn(f.worktree, 'app.ts', 'export const a = 2;\n');
    commitAllIn(f.worktree, 'From the terminal');
    writeIn(f.worktree, 'app.ts', 'export const a = 3;\n');
    await f.t.client.api.review.commit({ threadId: f.thread.id, message: 'From the review' });
    expect(git(f.worktree, ['log', '--format=%s', '-2']).trim().split('\n')).toEqual([
      'From the review',
      'From the terminal',
    ]);
  });
});
