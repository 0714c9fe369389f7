import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelPair, createRpcClient, type RpcClient } from '../../src-shared/contract';
import { git, TempDirs } from '../support/git-repo';
import { startReviewFixture, writeIn, type ReviewFixture } from '../support/review-thread';

const dirs = new TempDirs();
let f: ReviewFixture;
let changes: string[];
const extraClients: RpcClient[] = [];

/** Longer than the debounce (300 ms) plus chokidar's own delay, with room for a loaded 2-core machine. */
const SETTLE_MS = 1_500;

beforeEach(async () => {
  f = await startReviewFixture(dirs, {
    files: { 'README.md': '# demo\n', '.gitignore': 'dist/\n', 'dist/.keep': '' },
  });
  changes = [];
  f.t.client.on('review/changed', ({ threadId }) => changes.push(threadId));
});
afterEach(async () => {
  for (const client of extraClients.splice(0)) client.close();
  await f.t.close();
  dirs.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `count` notifications arrived, failing after `timeoutMs`. */
async function waitForChanges(count: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (changes.length < count) {
    if (Date.now() > deadline) throw new Error(`Expected ${count} review/changed, got ${changes.length}`);
    await sleep(25);
  }
}

function connectAnotherClient(): RpcClient {
  const [hostSide, clientSide] = createChannelPair();
  f.t.host.connect(hostSide);
  const client = createRpcClient(clientSide);
  extraClients.push(client);
  return client;
}

describe('review/watch', () => {
  it('sends one review/changed for a write in the worktree, and none after unwatch', async () => {
    const threadId = f.thread.id;
    await f.t.client.api.review.watch({ threadId });
    const started = Date.now();
    writeIn(f.worktree, 'notes.md', 'hello\n');
    await waitForChanges(1, 2_500);
    expect(Date.now() - started).toBeLessThan(2_500);
    await sleep(SETTLE_MS);
    expect(changes).toEqual([threadId]);

    // Ignored and heavy folders are not watched.
    writeIn(f.worktree, 'node_modules/pkg/index.js', 'module.exports = 1;\n');
    // dist/ did not exist when the watch started: it is found ignored on its first burst, then dropped.
    writeIn(f.worktree, 'dist/bundle.js', 'bundle\n');
    await sleep(SETTLE_MS);
    writeIn(f.worktree, 'dist/bundle.js', 'rebuilt\n');
    writeIn(f.worktree, 'dist/chunk.js', 'chunk\n');
    await sleep(SETTLE_MS);
    expect(changes).toEqual([threadId]);

    await f.t.client.api.review.unwatch({ threadId });
    expect(f.t.host.services.review.watchedThreads()).toEqual([]);
    writeIn(f.worktree, 'notes.md', 'hello again\n');
    await sleep(SETTLE_MS);
    expect(changes).toEqual([threadId]);
  });

  it('notices a commit made in the terminal (the branch ref moves)', async () => {
    writeIn(f.worktree, 'notes.md', 'hello\n');
    git(f.worktree, ['add', 'notes.md']);
    await f.t.client.api.review.watch({ threadId: f.thread.id });
    git(f.worktree, ['commit', '--quiet', '-m', 'From the terminal']);
    await waitForChanges(1, 2_500);
  });

  it('shares one watcher between connections and closes it when the last one leaves', async () => {
    const threadId = f.thread.id;
    const other = connectAnotherClient();
    await f.t.client.api.review.watch({ threadId });
    await other.api.review.watch({ threadId });
    await f.t.client.api.review.watch({ threadId });
    expect(f.t.host.services.review.watchedThreads()).toEqual([threadId]);

    await f.t.client.api.review.unwatch({ threadId });
    expect(f.t.host.services.review.watchedThreads()).toEqual([threadId]);
    writeIn(f.worktree, 'notes.md', 'still watched\n');
    await waitForChanges(1, 2_500);

    other.close();
    await sleep(50);
    expect(f.t.host.services.review.watchedThreads()).toEqual([]);
  });

  it('stops watching a thread that is archived', async () => {
    const threadId = f.thread.id;
    await f.t.client.api.review.watch({ threadId });
    await f.t.client.api.thread.archive({ threadId });
    await sleep(50);
    expect(f.t.host.services.review.watchedThreads()).toEqual([]);
  });
});
