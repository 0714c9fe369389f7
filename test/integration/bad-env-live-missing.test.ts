import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentEnv } from '../support/agent-host';
import { git, TempDirs } from '../support/git-repo';
import { LiveMissingHost, projectWithThreads } from '../support/live-missing-fixtures';
import { startModelServer } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

/** Short, so the watcher's periodic check is seen within a test's seconds (the default is 5 s). */
const CHECK_MS = 200;
/** Longer than any test here: only a failed request can make the host look. */
const NEVER_MS = 600_000;
/** "Within a few seconds" of the folder going: a few checks, with room for a loaded machine. */
const NOTICED_MS = 5_000;

const dirs = new TempDirs();
let t: LiveMissingHost | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
  dirs.cleanup();
});

const goneDetail = (name: string, path: string): string =>
  `The repository of "${name}" at ${path} is gone. Put it back (or restore it from a backup) and the thread comes back, or delete the thread.`;

describe('the repository deleted while the host runs', () => {
  it('marks its threads missing, ends the running turn with the sentence, and takes them back when it returns', async () => {
    const model = await startModelServer();
    try {
      t = await LiveMissingHost.start(dirs.make('skein-live-repo-'), CHECK_MS, agentEnv(model, dirs));
      const { repo, project, threads } = await projectWithThreads(t, dirs, ['Working', 'Idle']);
      const [working, idle] = threads as [(typeof threads)[0], (typeof threads)[0]];
      await t.client.api.terminal.open({ threadId: idle.id });
      // An answer that would stream for ~8 s: the turn is still running when the repository goes.
      model.script([{ text: Array.from({ length: 40 }, (_, index) => `word${index} `), chunkDelayMs: 200 }]);
      await t.client.api.turn.start({ threadId: working.id, message: 'stream slowly' });
      await t.waitFor(
        () => t!.of('item/started').find((entry) => entry.item.kind === 'agent_message'),
        'the answer to start',
      );

      const parked = `${repo.path}-parked`;
      renameSync(repo.path, parked);
      const detail = goneDetail(project.name, repo.path);
      const ended = await t.waitFor(
        () => t!.of('turn/completed').find((entry) => entry.turn.threadId === working.id)?.turn,
        'the turn to end',
        NOTICED_MS,
      );
      expect([ended.status, ended.error]).toEqual(['interrupted', detail]);
      for (const thread of threads) {
        expect((await t.threadStatus(thread.id, 'missing', NOTICED_MS)).statusDetail).toBe(detail);
      }
      const notice = await t.notice(
        `The repository of "${project.name}" at ${repo.path} is missing. Its threads are marked missing until it is back.`,
      );
      expect(notice.level).toBe('warning');
      // The terminal keeps running (its scrollback is the user's), the worktrees keep their work.
      const terminals = (await t.client.api.terminal.list({ threadId: idle.id })).terminals;
      expect(terminals.map((terminal) => terminal.status)).toEqual(['running']);
      expect(readFileSync(join(working.worktreePath, 'work.ts'), 'utf8')).toBe('work of Working\n');

      renameSync(parked, repo.path);
      await t.notice(
        `The repository of "${project.name}" at ${repo.path} is back; its threads are available again.`,
        NOTICED_MS,
      );
      for (const thread of threads) {
        expect((await t.client.api.thread.get({ threadId: thread.id })).status).toBe('ready');
      }
      expect(repo.git('log', '--format=%s', '-1', working.branch).trim()).toBe('work of Working');
      // And the agent works there again.
      model.script([{ text: ['back'] }]);
      await t.client.api.turn.start({ threadId: working.id, message: 'again' });
      const next = await t.waitFor(
        () => t!.of('turn/completed').filter((entry) => entry.turn.threadId === working.id)[1]?.turn,
        'the next turn to end',
      );
      expect(next.status).toBe('completed');
    } finally {
      await t?.close();
      t = null;
      await model.close();
    }
  });
});

describe("a thread's worktree folder removed by hand while the host runs", () => {
  it('makes that worktree again from its branch as a restart would, and leaves the other threads alone', async () => {
    const dataDir = dirs.make('skein-live-worktree-');
    t = await LiveMissingHost.start(dataDir, CHECK_MS);
    const { threads } = await projectWithThreads(t, dirs, ['Gone', 'Kept']);
    const [gone, kept] = threads as [(typeof threads)[0], (typeof threads)[0]];
    const keptUpdates = t.updatesOf(kept.id).length;

    rmSync(gone.worktreePath, { recursive: true, force: true });
    const notice = await t.notice(
      `"Gone": its worktree folder was deleted; it was made again from ${gone.branch}.`,
      NOTICED_MS,
    );
    expect(notice.actions).toEqual([
      expect.objectContaining({ threadId: gone.id, kind: 'worktree_restored' }),
    ]);
    expect((await t.client.api.thread.get({ threadId: gone.id })).status).toBe('ready');
    expect(readFileSync(join(gone.worktreePath, 'work.ts'), 'utf8')).toBe('work of Gone\n');
    expect(git(gone.worktreePath, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe(gone.branch);
    expect(t.updatesOf(kept.id)).toHaveLength(keptUpdates);
    expect((await t.client.api.thread.get({ threadId: kept.id })).status).toBe('ready');

    // What a restart would have done is done: the next start finds nothing to repair.
    await t.close();
    t = await LiveMissingHost.start(dataDir, CHECK_MS);
    expect((await t.client.api.host.info({})).reconcile).toEqual([]);
  });
});

describe('a request on a thread whose folder is gone', () => {
  it('answers with the sentence instead of git or a spawn, and makes the host look at once', async () => {
    t = await LiveMissingHost.start(dirs.make('skein-live-request-'), NEVER_MS);
    const { repo, project, threads } = await projectWithThreads(t, dirs, ['Removed', 'Orphaned']);
    const [removed, orphaned] = threads as [(typeof threads)[0], (typeof threads)[0]];

    rmSync(removed.worktreePath, { recursive: true, force: true });
    const review = await rpcFailure(
      t.client.api.review.files({ threadId: removed.id, range: { kind: 'base' } }),
    );
    const sentence = `The worktree folder of "Removed" (${removed.worktreePath}) was deleted outside Skein; Skein is making it again from branch ${removed.branch}. Try again in a moment.`;
    expect(review.message).toBe(sentence);
    expect((await rpcFailure(t.client.api.terminal.open({ threadId: removed.id }))).message).toBe(sentence);
    // Looked at on demand, not at the next check (minutes away): the worktree is back.
    await t.notice(
      `"Removed": its worktree folder was deleted; it was made again from ${removed.branch}.`,
      NOTICED_MS,
    );
    await t.client.api.review.files({ threadId: removed.id, range: { kind: 'base' } });
    expect(existsSync(join(removed.worktreePath, 'work.ts'))).toBe(true);

    const parked = `${repo.path}-parked`;
    renameSync(repo.path, parked);
    // git in the worktree would say "not a git repository: …/.git/worktrees/…".
    const orphanedReview = await rpcFailure(
      t.client.api.review.files({ threadId: orphaned.id, range: { kind: 'base' } }),
    );
    expect([orphanedReview.kind, orphanedReview.message]).toEqual([
      'PATH_NOT_FOUND',
      goneDetail(project.name, repo.path),
    ]);
    const start = await rpcFailure(t.client.api.thread.start({ projectId: project.id, title: 'New' }));
    expect(start.message).toBe(
      `The repository of "${project.name}" at ${repo.path} is gone, so git cannot run there. Put it back (or restore it from a backup), or remove the project.`,
    );
    expect((await t.threadStatus(orphaned.id, 'missing', NOTICED_MS)).statusDetail).toBe(
      goneDetail(project.name, repo.path),
    );
    renameSync(parked, repo.path);
  });
});
