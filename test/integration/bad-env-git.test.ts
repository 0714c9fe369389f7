import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createChannelPair,
  createRpcClient,
  RpcError,
  type NotificationParams,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { writeOldGitWrapper } from '../support/bad-env-fixtures';
import { createRepo, TempDirs } from '../support/git-repo';
import { startThreadsHost } from '../support/threads-host';

const dirs = new TempDirs();
const realPath = process.env.PATH;
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
let host: Host | null = null;

afterEach(async () => {
  process.env.PATH = realPath;
  await host?.dispose();
  host = null;
  dirs.cleanup();
});

/** A host on `dataDir` with a client that records the notices it is sent on connecting. */
async function startHost(dataDir: string) {
  host = await createHost({ dataDir, shell: '/bin/sh' });
  const [hostSide, clientSide] = createChannelPair();
  const client = createRpcClient(clientSide);
  const notices: NotificationParams<'host/notice'>[] = [];
  client.on('host/notice', (notice) => notices.push(notice));
  host.connect(hostSide);
  // Notices go out as the client connects; one round trip later they have arrived.
  const info = await client.api.host.info({});
  return { client, notices, info };
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

const MISSING =
  'Skein could not find git ("git"). Install git 2.38 or newer and make sure it is on your PATH.';

describe('git missing', () => {
  it('starts, says at once that git is missing and which version to install, and leaves the data alone', async () => {
    // Data written while git was there: a project with a ready thread.
    const dataDir = dirs.make('skein-nogit-data-');
    const first = await startThreadsHost(dataDir);
    const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
    const project = await first.client.api.project.add({ path: repo.path });
    await first.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const started = await first.client.api.thread.start({ projectId: project.id, title: 'Before' });
    const thread = await first.waitForStatus(started.id, 'ready');
    await first.close();

    process.env.PATH = dirs.make('skein-empty-path-');
    const { client, notices, info } = await startHost(dataDir);
    expect(info.gitVersion).toBeNull();
    expect(notices).toContainEqual({ level: 'error', message: MISSING });
    // The thread is as it was: a missing git is not a missing worktree.
    expect(await client.api.thread.get({ threadId: thread.id })).toMatchObject({
      status: 'ready',
      worktreePath: thread.worktreePath,
    });
    const error = await rejection(client.api.thread.start({ projectId: project.id, title: 'Needs git' }));
    expect(error.kind).toBe('GIT_MISSING');
    expect(error.message).toBe(MISSING);

    // Back on the PATH, everything works again.
    process.env.PATH = realPath;
    const later = await client.api.thread.start({ projectId: project.id, title: 'After' });
    expect(later.title).toBe('After');
  });
});

describe('git older than 2.38', () => {
  it('starts with a notice naming 2.38 and merge-tree, and refuses what needs it with the same sentence', async () => {
    const wrapperDir = dirs.make('skein-old-git-');
    writeOldGitWrapper(wrapperDir, realGit, '2.30.1');
    process.env.PATH = `${wrapperDir}:${realPath}`;
    const tooOld =
      'Skein needs git 2.38 or newer for the conflict radar, merges and rebases (they use git merge-tree --write-tree); this machine has git 2.30.1. Install a newer git and restart Skein.';

    const { client, notices, info } = await startHost(dirs.make('skein-old-git-data-'));
    expect(info.gitVersion).toBe('2.30.1');
    expect(notices).toContainEqual({ level: 'error', message: tooOld });

    // Threads still start (worktrees need nothing new)...
    const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const thread = await client.api.thread.start({ projectId: project.id, title: 'Old git' });
    await host!.services.threads.idle();
    // ...and a merge, which needs merge-tree --write-tree, says why it cannot run.
    const error = await rejection(client.api.thread.mergePreview({ threadId: thread.id }));
    expect(error.kind).toBe('UNSUPPORTED');
    expect(error.message).toBe(tooOld);
  });
});
