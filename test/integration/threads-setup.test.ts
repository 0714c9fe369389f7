import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src-shared/contract';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

const dirs = new TempDirs();
let t: ThreadsTestHost;
let repo: TestRepo;

beforeEach(async () => {
  t = await startThreadsHost(dirs.make('skein-data-'));
  repo = createRepo(dirs, { files: { 'README.md': 'readme\n', '.gitignore': '.env\nconfig/local.json\n' } });
  repo.write('.env', 'TOKEN=abc\n').write('config/local.json', '{"port": 1}\n');
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

async function project(settings: Partial<Project['settings']>): Promise<Project> {
  const added = await t.client.api.project.add({ path: repo.path });
  return t.client.api.project.update({ projectId: added.id, settings: { poolSize: 0, ...settings } });
}

describe('thread setup', () => {
  it('copies setup files into the worktree, noting missing ones and refusing paths outside the repo', async () => {
    writeFileSync(join(repo.path, '..', 'outside.txt'), 'not yours\n');
    const { id } = await project({
      setupFiles: ['.env', 'config/local.json', 'missing.env', '../outside.txt'],
    });
    const thread = await t.client.api.thread.start({ projectId: id, title: 'With files' });
    const ready = await t.waitForStatus(thread.id, 'ready');
    expect(readFileSync(join(ready.worktreePath, '.env'), 'utf8')).toBe('TOKEN=abc\n');
    expect(readFileSync(join(ready.worktreePath, 'config/local.json'), 'utf8')).toBe('{"port": 1}\n');
    expect(existsSync(join(ready.worktreePath, '..', 'outside.txt'))).toBe(false);
    expect(ready.statusDetail).toMatch(/"missing\.env" was not found/);
    expect(ready.statusDetail).toMatch(
      /"\.\.\/outside\.txt" was skipped: setup files must be inside the repository/,
    );
  });

  it('runs the setup command in a Setup terminal in the worktree; exit 0 makes the thread ready', async () => {
    const { id } = await project({
      setupFiles: ['.env'],
      setupCommand: 'test -f .env && echo "installed" > installed.txt',
    });
    const thread = await t.client.api.thread.start({ projectId: id, title: 'Setup ok' });
    const ready = await t.waitForStatus(thread.id, 'ready');
    expect(readFileSync(join(ready.worktreePath, 'installed.txt'), 'utf8')).toBe('installed\n');
    const statuses = t.updates.filter((update) => update.id === thread.id).map((update) => update.status);
    expect(statuses).toEqual(['creating', 'setting_up', 'ready']);
    const terminals = (await t.client.api.terminal.list({ threadId: thread.id })).terminals;
    expect(terminals).toEqual([
      expect.objectContaining({ purpose: 'setup', title: 'Setup', cwd: ready.worktreePath, exitCode: 0 }),
    ]);
  });

  it('marks the thread setup_failed when the command fails, with the exit code', async () => {
    const { id } = await project({ setupCommand: 'echo "boom" >&2; exit 3' });
    const thread = await t.client.api.thread.start({ projectId: id, title: 'Setup fails' });
    const failed = await t.waitForStatus(thread.id, 'setup_failed');
    expect(failed.statusDetail).toMatch(/exited with code 3/);
    expect(failed.statusDetail).toMatch(/Setup terminal/);
  });

  it('archiving during setup stops the command and the thread stays archived', async () => {
    const { id } = await project({ setupCommand: 'sleep 30' });
    const thread = await t.client.api.thread.start({ projectId: id, title: 'Slow setup' });
    await t.waitForStatus(thread.id, 'setting_up');
    const archived = await t.client.api.thread.archive({ threadId: thread.id });
    expect(archived.status).toBe('archived');
    const [terminal] = (await t.client.api.terminal.list({ threadId: thread.id })).terminals;
    await t.host.services.terminals.waitForExit(terminal!.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await t.client.api.thread.get({ threadId: thread.id })).status).toBe('archived');
  });
});
