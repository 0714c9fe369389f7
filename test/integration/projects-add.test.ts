import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBareRepo, createEmptyRepo, createRepo, TempDirs } from '../support/git-repo';
import { rpcFailure, startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost;

beforeEach(async () => {
  t = await startThreadsHost(dirs.make('skein-data-'));
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

function projectCount(): number {
  return (t.host.services.db.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n;
}

describe('project/add', () => {
  it('adds a repository with its folder name and current branch, and publishes it', async () => {
    const repo = createRepo(dirs, { branches: ['develop'] });
    repo.git('checkout', '--quiet', 'develop');
    const published: string[] = [];
    t.client.on('project/updated', ({ project }) => published.push(project.id));
    const project = await t.client.api.project.add({ path: repo.path });
    expect(project).toMatchObject({
      name: 'repo',
      path: repo.path,
      defaultBase: 'develop',
      settings: { setupFiles: [], setupCommand: null, poolSize: 2, checkCommand: null },
    });
    expect((await t.client.api.project.list({})).projects).toEqual([project]);
    await t.host.services.threads.idle();
    expect(published).toContain(project.id);
  });

  it('resolves a subfolder, a symlink and a ~ path to the repository top level', async () => {
    const repo = createRepo(dirs);
    mkdirSync(join(repo.path, 'src', 'deep'), { recursive: true });
    const project = await t.client.api.project.add({ path: join(repo.path, 'src', 'deep') });
    expect(project.path).toBe(repo.path);

    const link = join(dirs.make(), 'link');
    symlinkSync(repo.path, link);
    const again = await rpcFailure(t.client.api.project.add({ path: link }));
    expect(again.kind).toBe('PROJECT_EXISTS');
    expect(again.details).toMatchObject({ projectId: project.id });

    const home = process.env.HOME;
    process.env.HOME = dirs.make('skein-home-');
    try {
      const other = createRepo(dirs);
      const inHome = join(process.env.HOME, 'code');
      symlinkSync(other.path, inHome);
      const tilde = await t.client.api.project.add({ path: '~/code' });
      expect(tilde.path).toBe(other.path);
    } finally {
      process.env.HOME = home;
    }
    await t.host.services.threads.idle();
  });

  it('uses the default branch when the repository HEAD is detached', async () => {
    const repo = createRepo(dirs, { branches: ['zeta'] });
    repo.commit('second');
    repo.git('checkout', '--quiet', '--detach', 'HEAD~1');
    const project = await t.client.api.project.add({ path: repo.path });
    expect(project.defaultBase).toBe('main');
    await t.host.services.threads.idle();
  });

  it.each([
    ['a missing path', () => join(dirs.make(), 'does-not-exist'), 'PATH_NOT_FOUND', /does not exist/],
    [
      'a file',
      () => {
        const file = join(dirs.make(), 'file.txt');
        writeFileSync(file, 'x');
        return file;
      },
      'NOT_A_GIT_REPO',
      /is a file/,
    ],
    ['a folder that is not a repository', () => dirs.make(), 'NOT_A_GIT_REPO', /not inside a git repository/],
    ['a bare repository', () => createBareRepo(dirs), 'BARE_REPO', /bare repository/],
    ['a repository with no commits', () => createEmptyRepo(dirs).path, 'NO_COMMITS', /no commits/],
    [
      'the .git folder of a repository',
      () => join(createRepo(dirs).path, '.git'),
      'NOT_A_GIT_REPO',
      /\.git folder/,
    ],
  ])('refuses %s with a clear error and writes nothing', async (_name, makePath, kind, message) => {
    const error = await rpcFailure(t.client.api.project.add({ path: makePath() }));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(projectCount()).toBe(0);
  });
});

describe('project/update, branches, remove', () => {
  it('patches settings field by field and validates the default base', async () => {
    const repo = createRepo(dirs, { branches: ['develop'] });
    const project = await t.client.api.project.add({ path: repo.path });
    const withFiles = await t.client.api.project.update({
      projectId: project.id,
      settings: { setupFiles: ['.env'], poolSize: 0 },
    });
    expect(withFiles.settings).toEqual({
      setupFiles: ['.env'],
      setupCommand: null,
      poolSize: 0,
      checkCommand: null,
    });
    const withCommand = await t.client.api.project.update({
      projectId: project.id,
      settings: { setupCommand: 'true' },
      name: 'Renamed',
    });
    expect(withCommand.settings).toEqual({
      setupFiles: ['.env'],
      setupCommand: 'true',
      poolSize: 0,
      checkCommand: null,
    });
    expect(withCommand.name).toBe('Renamed');
    const stored = t.host.services.db
      .prepare('SELECT settings_json FROM projects WHERE id = ?')
      .get(project.id) as { settings_json: string };
    expect(JSON.parse(stored.settings_json)).toEqual({
      setupFiles: ['.env'],
      setupCommand: 'true',
      poolSize: 0,
      checkCommand: null,
    });

    expect(
      (await t.client.api.project.update({ projectId: project.id, defaultBase: 'develop' })).defaultBase,
    ).toBe('develop');
    const bad = await rpcFailure(t.client.api.project.update({ projectId: project.id, defaultBase: 'nope' }));
    expect(bad.kind).toBe('BRANCH_NOT_FOUND');
    const invalid = await rpcFailure(
      t.client.api.project.update({ projectId: project.id, settings: { poolSize: 99 } }),
    );
    expect(invalid.kind).toBe('INVALID_PARAMS');
    await t.host.services.threads.idle();
  });

  it('lists branches with the current one', async () => {
    const repo = createRepo(dirs, { branches: ['b-feature', 'a-fix'] });
    const project = await t.client.api.project.add({ path: repo.path });
    expect(await t.client.api.project.branches({ projectId: project.id })).toEqual({
      current: 'main',
      branches: ['a-fix', 'b-feature', 'main'],
    });
    await t.host.services.threads.idle();
  });

  it('refuses to remove a project with live threads, then removes it without touching the repository', async () => {
    const repo = createRepo(dirs);
    const project = await t.client.api.project.add({ path: repo.path });
    await t.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const thread = await t.client.api.thread.start({ projectId: project.id, title: 'Work' });
    await t.waitForStatus(thread.id, 'ready');
    const refused = await rpcFailure(t.client.api.project.remove({ projectId: project.id }));
    expect(refused.kind).toBe('PROJECT_HAS_THREADS');
    expect(refused.message).toMatch(/Archive or delete/);

    await t.client.api.thread.archive({ threadId: thread.id });
    const removed: string[] = [];
    t.client.on('project/removed', ({ projectId }) => removed.push(projectId));
    expect(await t.client.api.project.remove({ projectId: project.id })).toEqual({ ok: true });
    expect((await t.client.api.project.list({})).projects).toEqual([]);
    expect(repo.branches()).toEqual(['main', thread.branch]);
    expect(repo.worktrees()).toEqual([repo.path]);
    const missing = await rpcFailure(t.client.api.project.branches({ projectId: project.id }));
    expect(missing.kind).toBe('NOT_FOUND');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(removed).toEqual([project.id]);
  });

  it('removes the pooled worktrees of a removed project', async () => {
    const repo = createRepo(dirs);
    const project = await t.client.api.project.add({ path: repo.path });
    await t.host.services.threads.idle();
    expect(repo.worktrees()).toHaveLength(3);
    await t.client.api.project.remove({ projectId: project.id });
    expect(repo.worktrees()).toEqual([repo.path]);
    expect(basename(repo.path)).toBe('repo');
  });
});
