import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project, Thread } from '../../src-shared/contract';
import { openDatabase } from '../../src-main/core/store';
import { createRepo, git, TempDirs, type TestRepo } from '../support/git-repo';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let dataDir: string;
let t: ThreadsTestHost | null;
let repo: TestRepo;
let project: Project;

beforeEach(async () => {
  dataDir = dirs.make('skein-data-');
  t = await startThreadsHost(dataDir);
  repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
  const added = await t.client.api.project.add({ path: repo.path });
  project = await t.client.api.project.update({
    projectId: added.id,
    settings: { poolSize: 0, setupFiles: ['.env'] },
  });
  repo.write('.env', 'SECRET=1\n');
});
afterEach(async () => {
  await t?.close();
  dirs.cleanup();
});

async function readyThread(title: string): Promise<Thread> {
  const thread = await t!.client.api.thread.start({ projectId: project.id, title });
  return t!.waitForStatus(thread.id, 'ready');
}

/** Stops the host, lets the test change things behind its back, and starts a new host on the same data dir. */
async function restart(changeWhileStopped: () => void): Promise<ThreadsTestHost> {
  await t!.close();
  t = null;
  changeWhileStopped();
  t = await startThreadsHost(dataDir);
  return t;
}

describe('reconcile at host start', () => {
  it('restores a worktree folder deleted by hand from its branch, with setup files', async () => {
    const thread = await readyThread('Deleted by hand');
    writeFileSync(join(thread.worktreePath, 'work.ts'), 'committed work\n');
    git(thread.worktreePath, ['add', 'work.ts']);
    git(thread.worktreePath, ['commit', '--quiet', '-m', 'work']);

    const host = await restart(() => rmSync(thread.worktreePath, { recursive: true, force: true }));
    const info = await host.client.api.host.info({});
    expect(info.reconcile).toEqual([
      expect.objectContaining({ threadId: thread.id, kind: 'worktree_restored' }),
    ]);
    const restored = await host.waitForStatus(thread.id, 'ready');
    expect(restored.worktreePath).toBe(thread.worktreePath);
    expect(readFileSync(join(thread.worktreePath, 'work.ts'), 'utf8')).toBe('committed work\n');
    expect(readFileSync(join(thread.worktreePath, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(thread.branch);

    // A second start finds nothing to do.
    const again = await restart(() => undefined);
    expect((await again.client.api.host.info({})).reconcile).toEqual([]);
  });

  it('follows a branch renamed outside Skein', async () => {
    const thread = await readyThread('Renamed outside');
    const host = await restart(() => repo.git('branch', '-m', thread.branch, 'feature/better-name'));
    const info = await host.client.api.host.info({});
    expect(info.reconcile).toEqual([
      expect.objectContaining({ threadId: thread.id, kind: 'branch_renamed' }),
    ]);
    const updated = await host.client.api.thread.get({ threadId: thread.id });
    expect(updated).toMatchObject({ branch: 'feature/better-name', status: 'ready' });
  });

  it('follows a rename even when the worktree folder was deleted too', async () => {
    const thread = await readyThread('Both');
    const host = await restart(() => {
      repo.git('branch', '-m', thread.branch, 'skein/both-renamed');
      rmSync(thread.worktreePath, { recursive: true, force: true });
    });
    const kinds = (await host.client.api.host.info({})).reconcile.map((action) => action.kind);
    expect(kinds).toEqual(['branch_renamed', 'worktree_restored']);
    const restored = await host.waitForStatus(thread.id, 'ready');
    expect(restored.branch).toBe('skein/both-renamed');
    expect(git(thread.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('skein/both-renamed');
  });

  it('marks a thread missing when its worktree and branch are both gone, and says so once', async () => {
    const thread = await readyThread('Gone');
    const host = await restart(() => {
      rmSync(thread.worktreePath, { recursive: true, force: true });
      repo.git('worktree', 'prune');
      repo.git('branch', '-D', thread.branch);
    });
    const info = await host.client.api.host.info({});
    expect(info.reconcile).toEqual([
      expect.objectContaining({ threadId: thread.id, kind: 'branch_missing' }),
    ]);
    const missing = await host.client.api.thread.get({ threadId: thread.id });
    expect(missing.status).toBe('missing');
    expect(missing.statusDetail).toMatch(/branch skein\/gone are gone/);

    const again = await restart(() => undefined);
    expect((await again.client.api.host.info({})).reconcile).toEqual([]);
    // Deleting a missing thread needs no force: there is nothing left to lose.
    expect(await again.client.api.thread.delete({ threadId: thread.id })).toEqual({ trash: [] });
  });

  it('keeps a worktree whose branch was deleted, marking the thread missing', async () => {
    const thread = await readyThread('Branch deleted');
    writeFileSync(join(thread.worktreePath, 'precious.txt'), 'keep me\n');
    const host = await restart(() => {
      git(thread.worktreePath, ['checkout', '--quiet', '--detach']);
      repo.git('branch', '-D', thread.branch);
    });
    expect((await host.client.api.host.info({})).reconcile.map((action) => action.kind)).toEqual([
      'branch_missing',
    ]);
    expect((await host.client.api.thread.get({ threadId: thread.id })).status).toBe('missing');
    expect(readFileSync(join(thread.worktreePath, 'precious.txt'), 'utf8')).toBe('keep me\n');
  });

  it('finishes a thread left in `creating` by a crash, and sweeps unfinished pool folders', async () => {
    const thread = await readyThread('Interrupted');
    const root = join(thread.worktreePath, '..');
    const strayPool = join(root, '00000000-0000-4000-8000-000000000000');
    const host = await restart(() => {
      rmSync(thread.worktreePath, { recursive: true, force: true });
      repo.git('worktree', 'prune');
      repo.git('branch', '-D', thread.branch);
      const db = openDatabase(join(dataDir, 'skein.db'));
      db.prepare("UPDATE threads SET status = 'creating' WHERE id = ?").run(thread.id);
      db.close();
      mkdirSync(join(strayPool, 'src'), { recursive: true });
    });
    const kinds = (await host.client.api.host.info({})).reconcile.map((action) => action.kind);
    expect(kinds).toEqual(['stale_worktree_pruned']);
    const finished = await host.waitForStatus(thread.id, 'ready');
    expect(finished.branch).toBe(thread.branch);
    expect(repo.head(thread.branch)).toBe(thread.baseCommit);
    expect(existsSync(join(thread.worktreePath, 'README.md'))).toBe(true);
    expect(existsSync(strayPool)).toBe(false);
    // Pool upkeep (the first host may have pooled a worktree before poolSize became 0) settles first.
    await host.host.services.threads.idle();
    expect(readdirSync(root)).toEqual([thread.id]);
  });

  it('drops pool entries whose worktree vanished', async () => {
    await t!.client.api.project.update({ projectId: project.id, settings: { poolSize: 2 } });
    await t!.host.services.threads.idle();
    const pooled = t!.host.services.db.prepare('SELECT path FROM worktree_pool').all() as { path: string }[];
    expect(pooled).toHaveLength(2);
    const host = await restart(() => rmSync(pooled[0]!.path, { recursive: true, force: true }));
    const info = await host.client.api.host.info({});
    expect(info.reconcile.map((action) => action.kind)).toEqual(['pool_entry_dropped']);
    await host.host.services.threads.idle();
    const after = host.host.services.db.prepare('SELECT path FROM worktree_pool').all() as { path: string }[];
    expect(after).toHaveLength(2);
    expect(after.map((row) => row.path)).not.toContain(pooled[0]!.path);
    expect(repo.worktrees().filter((path) => path.startsWith(dataDir))).toHaveLength(2);
  });
});
