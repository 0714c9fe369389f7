import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError, type Project, type Thread } from '../../src-shared/contract';
import { git, createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
  dirs.cleanup();
});

async function setUp(): Promise<{ dataDir: string; repo: TestRepo; project: Project; thread: Thread }> {
  const dataDir = dirs.make('skein-repo-gone-');
  t = await startThreadsHost(dataDir);
  const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
  const added = await t.client.api.project.add({ path: repo.path });
  const project = await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
  const started = await t.client.api.thread.start({ projectId: project.id, title: 'Running' });
  const thread = await t.waitForStatus(started.id, 'ready');
  // Committed work on the thread's branch, and a terminal running in its worktree.
  writeFileSync(join(thread.worktreePath, 'work.ts'), 'committed work\n');
  git(thread.worktreePath, ['add', 'work.ts']);
  git(thread.worktreePath, ['commit', '--quiet', '-m', 'work']);
  await t.client.api.terminal.open({ threadId: thread.id });
  return { dataDir, repo, project, thread };
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('the repository deleted', () => {
  it('marks the thread missing at the next start when the repository went while Skein was closed', async () => {
    // While the host runs, the watcher does the same within seconds (bad-env-live-missing.test.ts).
    const { dataDir, repo, project, thread } = await setUp();
    const parked = `${repo.path}-parked`;
    await t!.close();
    renameSync(repo.path, parked);
    t = await startThreadsHost(dataDir);
    const info = await t.client.api.host.info({});
    expect(info.reconcile.map((action) => [action.kind, action.message])).toContainEqual([
      'worktree_missing',
      `The repository of "${project.name}" at ${repo.path} is missing. Its threads are marked missing until it is back.`,
    ]);
    const missing = await t.client.api.thread.get({ threadId: thread.id });
    expect(missing.status).toBe('missing');
    expect(missing.statusDetail).toBe(
      `The repository of "${project.name}" at ${repo.path} is gone. Put it back (or restore it from a backup) and the thread comes back, or delete the thread.`,
    );

    // The host answers, with a sentence, and stays up.
    const preview = await rejection(t.client.api.thread.mergePreview({ threadId: thread.id }));
    expect(preview.kind).toBe('PATH_NOT_FOUND');
    expect(preview.message).toBe(
      `The repository of "${project.name}" at ${repo.path} is gone, so git cannot run there. Put it back (or restore it from a backup), or remove the project.`,
    );
    expect((await t.client.api.thread.list({})).threads.map((entry) => entry.id)).toEqual([thread.id]);

    // Back where it was: the next start finds everything and the thread is ready again, work intact.
    await t.close();
    renameSync(parked, repo.path);
    t = await startThreadsHost(dataDir);
    expect((await t.client.api.thread.get({ threadId: thread.id })).status).toBe('ready');
    expect(readFileSync(join(thread.worktreePath, 'work.ts'), 'utf8')).toBe('committed work\n');
  });

  it('lets a thread of a repository that is gone for good be deleted', async () => {
    const { dataDir, repo, thread } = await setUp();
    rmSync(repo.path, { recursive: true, force: true });
    await t!.close();
    t = await startThreadsHost(dataDir);
    expect((await t.client.api.thread.get({ threadId: thread.id })).status).toBe('missing');
    // Its worktree folder is all that is left of the work: removed only when the user says so.
    const refused = await rejection(t.client.api.thread.delete({ threadId: thread.id }));
    expect(refused.message).toBe(
      `The repository of "repo" at ${repo.path} is gone, so Skein cannot check ${thread.worktreePath} for unsaved work. Copy out anything you need from that folder, then delete with force to remove it.`,
    );
    expect(existsSync(join(thread.worktreePath, 'work.ts'))).toBe(true);
    expect(await t.client.api.thread.delete({ threadId: thread.id, force: true })).toEqual({ trash: [] });
    expect((await t.client.api.thread.list({})).threads).toEqual([]);
    expect(existsSync(thread.worktreePath)).toBe(false);
  });
});

describe('a worktree folder removed by hand while the host runs', () => {
  it('answers with clear errors, keeps the branch, and makes the worktree again', async () => {
    const { dataDir, repo, thread } = await setUp();
    rmSync(thread.worktreePath, { recursive: true, force: true });

    const refused = await rejection(t!.client.api.terminal.open({ threadId: thread.id }));
    expect(refused.kind).toBe('PATH_NOT_FOUND');
    expect(refused.message).toBe(
      `The worktree folder of "Running" (${thread.worktreePath}) was deleted outside Skein; Skein is making it again from branch ${thread.branch}. Try again in a moment.`,
    );
    // The branch with its commit is untouched.
    expect(repo.git('log', '--format=%s', '-1', thread.branch).trim()).toBe('work');

    // The running host makes the worktree again (bad-env-live-missing.test.ts); the next start has nothing left to do.
    await t!.waitForThread(
      thread.id,
      (current) => current.status === 'ready' && existsSync(join(thread.worktreePath, 'work.ts')),
    );
    await t!.close();
    t = await startThreadsHost(dataDir);
    expect((await t.client.api.host.info({})).reconcile).toEqual([]);
    await t.waitForStatus(thread.id, 'ready');
    expect(existsSync(join(thread.worktreePath, 'work.ts'))).toBe(true);
  });
});
