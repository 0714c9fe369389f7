import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src-shared/contract';
import { createRepo, git, TempDirs, type TestRepo } from '../support/git-repo';
import { rpcFailure, startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost;
let repo: TestRepo;
let project: Project;

async function addProject(poolSize: number): Promise<Project> {
  const added = await t.client.api.project.add({ path: repo.path });
  return t.client.api.project.update({ projectId: added.id, settings: { poolSize } });
}

beforeEach(async () => {
  t = await startThreadsHost(dirs.make('skein-data-'));
  repo = createRepo(dirs, {
    files: { 'README.md': 'main readme\n', 'src/app.ts': 'export {};\n' },
    branches: ['release'],
  });
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

describe.each([
  ['cold (no pool)', 0],
  ['with the pool', 2],
])('thread/start %s', (_name, poolSize) => {
  beforeEach(async () => {
    project = await addProject(poolSize);
    await t.host.services.threads.idle();
  });

  it('starts three threads, each in its own worktree outside the repo, on its own skein/* branch', async () => {
    const titles = ['Fix login', 'Add dark mode', 'Fix login'];
    const started = [];
    for (const title of titles)
      started.push(await t.client.api.thread.start({ projectId: project.id, title }));
    const ready = await Promise.all(started.map((thread) => t.waitForStatus(thread.id, 'ready')));

    expect(ready.map((thread) => thread.branch)).toEqual([
      'skein/fix-login',
      'skein/add-dark-mode',
      'skein/fix-login-2',
    ]);
    expect(new Set(ready.map((thread) => thread.worktreePath)).size).toBe(3);
    for (const thread of ready) {
      expect(thread.worktreePath.startsWith(repo.path)).toBe(false);
      expect(thread.worktreePath.startsWith(join(t.dataDir, 'worktrees'))).toBe(true);
      expect(thread.worktreePath).toMatch(new RegExp(`/worktrees/repo-[0-9a-f]{8}/${thread.id}$`));
      expect(thread).toMatchObject({
        base: 'main',
        baseCommit: repo.head('main'),
        projectId: project.id,
        statusDetail: null,
      });
      expect(readFileSync(join(thread.worktreePath, 'README.md'), 'utf8')).toBe('main readme\n');
      expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(thread.branch);
      expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');
    }
    expect(repo.branches()).toEqual(
      expect.arrayContaining(['skein/fix-login', 'skein/add-dark-mode', 'skein/fix-login-2']),
    );
    const listed = (await t.client.api.thread.list({ projectId: project.id })).threads;
    expect(listed.map((thread) => thread.id)).toEqual(ready.map((thread) => thread.id));
  });

  it('starts from an explicitly given base', async () => {
    repo.git('checkout', '--quiet', 'release');
    const releaseCommit = repo.commit('release only', { 'RELEASE.md': 'v1\n' });
    repo.git('checkout', '--quiet', 'main');
    const thread = await t.client.api.thread.start({
      projectId: project.id,
      title: 'Hotfix',
      base: 'release',
    });
    const ready = await t.waitForStatus(thread.id, 'ready');
    expect(ready).toMatchObject({ base: 'release', baseCommit: releaseCommit });
    expect(readFileSync(join(ready.worktreePath, 'RELEASE.md'), 'utf8')).toBe('v1\n');
    expect(repo.head(ready.branch)).toBe(releaseCommit);
  });

  it('refuses a base that does not exist, and a project that does not exist', async () => {
    const before = t.host.services.threads.list({ includeArchived: true }).length;
    const noBase = await rpcFailure(
      t.client.api.thread.start({ projectId: project.id, title: 'x', base: 'no-such-branch' }),
    );
    expect(noBase.kind).toBe('BRANCH_NOT_FOUND');
    expect(noBase.message).toMatch(/"no-such-branch" is not a branch or commit/);
    const noProject = await rpcFailure(
      t.client.api.thread.start({ projectId: 'missing-project', title: 'x' }),
    );
    expect(noProject.kind).toBe('NOT_FOUND');
    expect(noProject.message).toMatch(/no project with id missing-project/);
    expect(t.host.services.threads.list({ includeArchived: true })).toHaveLength(before);
  });

  it('publishes every status change and renames without touching the branch', async () => {
    const thread = await t.client.api.thread.start({ projectId: project.id, title: 'Rename me' });
    await t.waitForStatus(thread.id, 'ready');
    const statuses = t.updates.filter((update) => update.id === thread.id).map((update) => update.status);
    expect(statuses[0]).toBe('creating');
    expect(statuses.at(-1)).toBe('ready');
    const renamed = await t.client.api.thread.rename({ threadId: thread.id, title: 'A better title' });
    expect(renamed).toMatchObject({ title: 'A better title', branch: 'skein/rename-me', slug: 'rename-me' });
    expect(existsSync(renamed.worktreePath)).toBe(true);
    const missing = await rpcFailure(t.client.api.thread.get({ threadId: 'nope' }));
    expect(missing.kind).toBe('NOT_FOUND');
  });
});

describe('thread/start with concurrent starts', () => {
  it('gives identical titles started at once unique branches', async () => {
    project = await addProject(1);
    await t.host.services.threads.idle();
    const started = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.client.api.thread.start({ projectId: project.id, title: 'Same title' }),
      ),
    );
    const ready = await Promise.all(started.map((thread) => t.waitForStatus(thread.id, 'ready')));
    expect(ready.map((thread) => thread.branch).sort()).toEqual([
      'skein/same-title',
      'skein/same-title-2',
      'skein/same-title-3',
      'skein/same-title-4',
    ]);
    for (const thread of ready)
      expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(thread.branch);
  });

  it('avoids branch names that already exist in the repository', async () => {
    repo.branch('skein/fix-login');
    project = await addProject(0);
    const thread = await t.client.api.thread.start({ projectId: project.id, title: 'Fix login' });
    expect(thread.branch).toBe('skein/fix-login-2');
    await t.waitForStatus(thread.id, 'ready');
  });
});
