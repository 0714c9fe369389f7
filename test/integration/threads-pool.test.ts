import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src-shared/contract';
import { openDatabase } from '../../src-main/core/store';
import { createLargeRepo, createRepo, git, TempDirs, type TestRepo } from '../support/git-repo';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost | null = null;
let dataDir: string;

interface PoolRow {
  path: string;
  base_commit: string;
}

function poolRows(host: ThreadsTestHost): PoolRow[] {
  return host.host.services.db
    .prepare('SELECT path, base_commit FROM worktree_pool ORDER BY created_at')
    .all() as PoolRow[];
}

async function addProject(
  host: ThreadsTestHost,
  repo: TestRepo,
  settings: Partial<Project['settings']> = {},
): Promise<Project> {
  const added = await host.client.api.project.add({ path: repo.path });
  if (Object.keys(settings).length === 0) return added;
  return host.client.api.project.update({ projectId: added.id, settings });
}

beforeEach(async () => {
  dataDir = dirs.make('skein-data-');
  t = await startThreadsHost(dataDir);
});
afterEach(async () => {
  await t?.close();
  t = null;
  dirs.cleanup();
});

describe('worktree pool', () => {
  it('warms up after a project is added, and a start claims a pooled worktree: ready on return', async () => {
    const host = t!;
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n' } });
    const project = await addProject(host, repo);
    await host.host.services.threads.idle();
    const warm = poolRows(host);
    expect(warm).toHaveLength(2);
    for (const row of warm) {
      expect(row.base_commit).toBe(repo.head());
      expect(git(row.path, ['status', '--porcelain'])).toBe('');
      expect(repo.worktrees()).toContain(row.path);
    }

    const thread = await host.client.api.thread.start({ projectId: project.id, title: 'Instant' });
    // Ready when start returns: no worktree had to be made.
    expect(thread.status).toBe('ready');
    expect(warm.map((row) => row.path)).toContain(thread.worktreePath);
    expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('skein/instant');
    expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(join(thread.worktreePath, 'a.txt'), 'utf8')).toBe('a\n');

    await host.host.services.threads.idle();
    const refilled = poolRows(host);
    expect(refilled).toHaveLength(2);
    expect(refilled.map((row) => row.path)).not.toContain(thread.worktreePath);
  });

  it('starts threads on the new commit after the base branch moves, and refreshes the pool', async () => {
    const host = t!;
    const repo = createRepo(dirs, { files: { 'a.txt': 'a\n' } });
    const project = await addProject(host, repo);
    await host.host.services.threads.idle();
    const warm = poolRows(host).map((row) => row.path);

    const moved = repo.commit('base moved', { 'b.txt': 'new on main\n' });
    const thread = await host.client.api.thread.start({ projectId: project.id, title: 'After move' });
    expect(thread.status).toBe('ready');
    expect(thread.baseCommit).toBe(moved);
    expect(warm).toContain(thread.worktreePath);
    expect(git(thread.worktreePath, ['rev-parse', 'HEAD']).trim()).toBe(moved);
    expect(readFileSync(join(thread.worktreePath, 'b.txt'), 'utf8')).toBe('new on main\n');
    expect(git(thread.worktreePath, ['status', '--porcelain'])).toBe('');

    await host.host.services.threads.idle();
    const refreshed = poolRows(host);
    expect(refreshed).toHaveLength(2);
    for (const row of refreshed) {
      expect(row.base_commit).toBe(moved);
      expect(git(row.path, ['rev-parse', 'HEAD']).trim()).toBe(moved);
      expect(existsSync(join(row.path, 'b.txt'))).toBe(true);
    }
  });

  it('with a setup command, a pooled start returns setting_up and then becomes ready', async () => {
    const host = t!;
    const repo = createRepo(dirs);
    const project = await addProject(host, repo, { setupCommand: 'echo set up > setup-ran.txt' });
    await host.host.services.threads.idle();
    const thread = await host.client.api.thread.start({ projectId: project.id, title: 'Setup pooled' });
    expect(thread.status).toBe('setting_up');
    await host.waitForStatus(thread.id, 'ready');
    expect(readFileSync(join(thread.worktreePath, 'setup-ran.txt'), 'utf8')).toBe('set up\n');
  });

  it('shrinks to a lowered size and keeps none at size 0', async () => {
    const host = t!;
    const repo = createRepo(dirs);
    const project = await addProject(host, repo, { poolSize: 3 });
    await host.host.services.threads.idle();
    expect(poolRows(host)).toHaveLength(3);
    await host.client.api.project.update({ projectId: project.id, settings: { poolSize: 1 } });
    await host.host.services.threads.idle();
    expect(poolRows(host)).toHaveLength(1);
    await host.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    await host.host.services.threads.idle();
    expect(poolRows(host)).toHaveLength(0);
    expect(repo.worktrees()).toEqual([repo.path]);
  });

  it('warms up at host start for projects added earlier', async () => {
    const repo = createRepo(dirs);
    await addProject(t!, repo, { poolSize: 0 });
    await t!.close();
    const db = openDatabase(join(dataDir, 'skein.db'));
    db.prepare('UPDATE projects SET settings_json = ?').run(JSON.stringify({ poolSize: 2 }));
    db.close();
    t = await startThreadsHost(dataDir);
    await t.host.services.threads.idle();
    expect(poolRows(t)).toHaveLength(2);
  });

  it('leaves no half-made worktree behind when disposed mid-refill', async () => {
    const repo = createLargeRepo(dirs, 3000);
    await addProject(t!, repo, { poolSize: 3 });
    // Dispose while the first pooled worktree is being checked out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t!.close();
    t = null;

    const db = openDatabase(join(dataDir, 'skein.db'));
    const rows = db.prepare('SELECT path FROM worktree_pool').all() as { path: string }[];
    db.close();
    const pooled = rows.map((row) => row.path).sort();
    // The refill was cut short (3 checkouts of 3,000 files take far longer than 50 ms).
    expect(pooled.length).toBeLessThan(3);
    const registered = repo
      .worktrees()
      .filter((path) => path.startsWith(dataDir))
      .sort();
    expect(registered).toEqual(pooled);
    const root = join(dataDir, 'worktrees');
    const onDisk = existsSync(root)
      ? readdirSync(root).flatMap((project) =>
          readdirSync(join(root, project)).map((name) => join(root, project, name)),
        )
      : [];
    expect(onDisk.sort()).toEqual(pooled);
    for (const path of pooled) expect(git(path, ['status', '--porcelain'])).toBe('');
  });
});
