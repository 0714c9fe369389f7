import { afterEach, describe, expect, it } from 'vitest';
import { git, TempDirs } from '../support/git-repo';
import {
  commitIn,
  headOf,
  readIn,
  REBASE_USER,
  startRebaseFixture,
  statusOf,
  threeLines,
  type RebaseFixture,
} from '../support/rebase-fixtures';
import { writeIn } from '../support/review-thread';
import { rpcFailure, startThreadsHost } from '../support/threads-host';

const dirs = new TempDirs();
let f: RebaseFixture;

afterEach(async () => {
  await f.t.close();
  dirs.cleanup();
});

describe('rebasing a thread onto its base', () => {
  it('stops on a conflict, shows the three sides, and finishes on top of the base once resolved', async () => {
    f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two'), 'README.md': 'readme\n' });
    const rebase = f.t.client.api.rebase;
    const threadCommit = commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
    const baseCommit = f.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });

    const stopped = await rebase.start({ threadId: f.thread.id });
    expect(stopped).toMatchObject({
      threadId: f.thread.id,
      inProgress: true,
      onto: baseCommit,
      origHead: threadCommit,
      step: 1,
      total: 1,
      stoppedAt: { commit: threadCommit, subject: 'Thread edit' },
      conflicts: [{ path: 'app.ts', status: 'UU', binary: false }],
      stashed: false,
      trashRef: null,
    });
    expect(f.updates.at(-1)).toEqual(stopped);
    expect(f.reviewChanges).toContain(f.thread.id);
    expect(await rebase.status({ threadId: f.thread.id })).toEqual(stopped);

    const sides = await rebase.file({ threadId: f.thread.id, path: 'app.ts' });
    expect(sides).toMatchObject({
      path: 'app.ts',
      ancestor: threeLines('two'),
      base: threeLines('BASE'),
      thread: threeLines('THREAD'),
      binary: false,
      language: 'typescript',
    });
    expect(sides.working).toMatch(/^<{7} .*\nBASE\n={7}\nTHREAD\n>{7} /m);

    const markers = await rpcFailure(
      rebase.resolve({ threadId: f.thread.id, path: 'app.ts', content: sides.working ?? '' }),
    );
    expect(markers.kind).toBe('INVALID_STATE');
    expect(markers.message).toMatch(/still has a conflict region/);
    const early = await rpcFailure(rebase.continue({ threadId: f.thread.id }));
    expect(early.message).toMatch(/still has conflicts in app\.ts/);

    const resolved = await rebase.resolve({
      threadId: f.thread.id,
      path: 'app.ts',
      content: 'one\nBASE\nTHREAD\nthree\n',
    });
    expect(resolved).toMatchObject({ inProgress: true, conflicts: [] });

    const done = await rebase.continue({ threadId: f.thread.id });
    expect(done).toMatchObject({
      inProgress: false,
      conflicts: [],
      onto: baseCommit,
      origHead: threadCommit,
    });
    expect(f.updates.at(-1)).toEqual(done);
    const tip = headOf(f.worktree, f.thread.branch);
    expect(headOf(f.worktree)).toBe(tip);
    expect(headOf(f.worktree, `${tip}^`)).toBe(baseCommit);
    expect(readIn(f.worktree, 'app.ts')).toBe('one\nBASE\nTHREAD\nthree\n');
    expect(git(f.worktree, ['log', '-1', '--format=%s|%an|%cn <%ce>']).trim()).toBe(
      `Thread edit|Skein Test|${REBASE_USER.name} <${REBASE_USER.email}>`,
    );
    expect(statusOf(f.worktree)).toBe('');
  });

  it('stops once per conflicting commit of a two-commit branch', async () => {
    f = await startRebaseFixture(dirs, { 'a.txt': threeLines('a'), 'b.txt': threeLines('b') });
    const rebase = f.t.client.api.rebase;
    const first = commitIn(f.worktree, 'First', { 'a.txt': threeLines('thread a') });
    const second = commitIn(f.worktree, 'Second', { 'b.txt': threeLines('thread b') });
    const base = f.repo.commit('Base both', { 'a.txt': threeLines('base a'), 'b.txt': threeLines('base b') });

    const one = await rebase.start({ threadId: f.thread.id });
    expect(one).toMatchObject({
      step: 1,
      total: 2,
      stoppedAt: { commit: first, subject: 'First' },
      conflicts: [{ path: 'a.txt', status: 'UU' }],
    });
    await rebase.resolve({ threadId: f.thread.id, path: 'a.txt', content: threeLines('merged a') });
    const two = await rebase.continue({ threadId: f.thread.id });
    expect(two).toMatchObject({
      inProgress: true,
      step: 2,
      total: 2,
      stoppedAt: { commit: second, subject: 'Second' },
      conflicts: [{ path: 'b.txt', status: 'UU' }],
    });
    expect((await rebase.file({ threadId: f.thread.id, path: 'b.txt' })).base).toBe(threeLines('base b'));
    writeIn(f.worktree, 'b.txt', threeLines('merged b'));
    await rebase.resolve({ threadId: f.thread.id, path: 'b.txt' });
    const done = await rebase.continue({ threadId: f.thread.id });
    expect(done.inProgress).toBe(false);
    expect(
      git(f.worktree, ['log', '--format=%s', `${base}..HEAD`])
        .trim()
        .split('\n'),
    ).toEqual(['Second', 'First']);
    expect(headOf(f.worktree, 'HEAD~2')).toBe(base);
    expect(readIn(f.worktree, 'a.txt') + readIn(f.worktree, 'b.txt')).toBe(
      threeLines('merged a') + threeLines('merged b'),
    );
  });

  it('abort puts the branch, uncommitted edits and untracked files back exactly', async () => {
    f = await startRebaseFixture(dirs, {
      'app.ts': threeLines('two'),
      'notes.md': 'notes\n',
      'staged.md': 'staged\n',
    });
    const rebase = f.t.client.api.rebase;
    const threadCommit = commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
    f.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });
    writeIn(f.worktree, 'notes.md', 'notes, edited but not committed\n');
    writeIn(f.worktree, 'staged.md', 'staged edit\n');
    git(f.worktree, ['add', 'staged.md']);
    writeIn(f.worktree, 'scratch/untracked.txt', 'nobody tracks me\n');
    const before = statusOf(f.worktree);

    const stopped = await rebase.start({ threadId: f.thread.id });
    expect(stopped).toMatchObject({ inProgress: true, stashed: true });
    expect(stopped.trashRef).toMatch(new RegExp(`^refs/skein/trash/${f.thread.id}/`));
    const trashRef = stopped.trashRef ?? '';
    // The trash holds everything, untracked files included.
    expect(git(f.repo.path, ['show', `${trashRef}:notes.md`])).toBe('notes, edited but not committed\n');
    expect(git(f.repo.path, ['show', `${trashRef}:scratch/untracked.txt`])).toBe('nobody tracks me\n');
    const trash = await f.t.client.api.trash.list({ projectId: f.project.id });
    expect(trash.entries.map((entry) => entry.ref)).toContain(trashRef);

    const aborted = await rebase.abort({ threadId: f.thread.id });
    expect(aborted).toMatchObject({ inProgress: false, conflicts: [], origHead: threadCommit, trashRef });
    expect(f.updates.at(-1)).toEqual(aborted);
    expect(headOf(f.worktree)).toBe(threadCommit);
    expect(git(f.worktree, ['symbolic-ref', 'HEAD']).trim()).toBe(`refs/heads/${f.thread.branch}`);
    expect(statusOf(f.worktree)).toBe(before);
    expect(readIn(f.worktree, 'app.ts')).toBe(threeLines('THREAD'));
    expect(readIn(f.worktree, 'notes.md')).toBe('notes, edited but not committed\n');
    expect(readIn(f.worktree, 'staged.md')).toBe('staged edit\n');
    expect(readIn(f.worktree, 'scratch/untracked.txt')).toBe('nobody tracks me\n');
    expect((await rebase.status({ threadId: f.thread.id })).inProgress).toBe(false);
  });

  it('a rebase without conflicts finishes in one call and keeps the uncommitted work', async () => {
    f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two'), 'lib.ts': 'lib\n' });
    const rebase = f.t.client.api.rebase;
    commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
    const base = f.repo.commit('Base edit', { 'lib.ts': 'lib from base\n' });
    writeIn(f.worktree, 'app.ts', threeLines('THREAD, still editing'));
    writeIn(f.worktree, 'new.txt', 'new\n');

    const done = await rebase.start({ threadId: f.thread.id });
    expect(done).toMatchObject({ inProgress: false, conflicts: [], onto: base, stashed: false });
    expect(done.trashRef).not.toBeNull();
    expect(f.updates).toEqual([done]);
    expect(headOf(f.worktree, 'HEAD^')).toBe(base);
    expect(readIn(f.worktree, 'lib.ts')).toBe('lib from base\n');
    expect(readIn(f.worktree, 'app.ts')).toBe(threeLines('THREAD, still editing'));
    expect(statusOf(f.worktree)).toBe(' M app.ts\n?? new.txt\n');
    expect(f.notices).toEqual([]);

    // Already on top of the base: nothing to do, nothing changed.
    const head = headOf(f.worktree);
    const again = await rebase.start({ threadId: f.thread.id });
    expect(again).toMatchObject({ inProgress: false, conflicts: [], trashRef: null });
    expect(headOf(f.worktree)).toBe(head);
  });

  it('reports uncommitted work that conflicts with the rebased branch, and resolves it as uncommitted', async () => {
    f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two'), 'other.ts': 'other\n' });
    const rebase = f.t.client.api.rebase;
    commitIn(f.worktree, 'Thread edit', { 'other.ts': 'other from thread\n' });
    const base = f.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });
    writeIn(f.worktree, 'app.ts', threeLines('DIRTY'));

    const state = await rebase.start({ threadId: f.thread.id });
    expect(state).toMatchObject({
      inProgress: false,
      stashed: true,
      conflicts: [{ path: 'app.ts', status: 'UU' }],
    });
    expect(headOf(f.worktree, 'HEAD^')).toBe(base);
    expect(f.notices.at(-1)?.message).toMatch(/putting the uncommitted changes back conflicted in app\.ts/);
    const sides = await rebase.file({ threadId: f.thread.id, path: 'app.ts' });
    expect(sides).toMatchObject({ base: threeLines('BASE'), thread: threeLines('DIRTY') });

    const resolved = await rebase.resolve({ threadId: f.thread.id, path: 'app.ts', take: 'thread' });
    expect(resolved).toMatchObject({ inProgress: false, conflicts: [], stashed: false });
    expect(readIn(f.worktree, 'app.ts')).toBe(threeLines('DIRTY'));
    // Still uncommitted, and not staged: as the work was before the rebase.
    expect(statusOf(f.worktree)).toBe(' M app.ts\n');
  });

  it('resolves binary and modify/delete conflicts by taking a side or deleting', async () => {
    const png = (byte: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, byte, 0, 1]).toString('latin1');
    f = await startRebaseFixture(dirs, { 'logo.png': png(1), 'gone.ts': threeLines('two') });
    const rebase = f.t.client.api.rebase;
    commitIn(f.worktree, 'Thread edits', { 'logo.png': png(2), 'gone.ts': threeLines('THREAD') });
    f.repo.write('logo.png', png(3));
    f.repo.git('rm', '--quiet', 'gone.ts');
    f.repo.commit('Base edits');

    const stopped = await rebase.start({ threadId: f.thread.id });
    expect(stopped.conflicts).toEqual([
      { path: 'gone.ts', status: 'DU', binary: false },
      { path: 'logo.png', status: 'UU', binary: true },
    ]);
    expect(await rebase.file({ threadId: f.thread.id, path: 'logo.png' })).toMatchObject({
      binary: true,
      ancestor: null,
      base: null,
      thread: null,
      working: null,
    });
    expect(await rebase.file({ threadId: f.thread.id, path: 'gone.ts' })).toMatchObject({
      base: null,
      thread: threeLines('THREAD'),
    });
    await rebase.resolve({ threadId: f.thread.id, path: 'logo.png', take: 'thread' });
    await rebase.resolve({ threadId: f.thread.id, path: 'gone.ts', delete: true });
    const done = await rebase.continue({ threadId: f.thread.id });
    expect(done.inProgress).toBe(false);
    expect(git(f.worktree, ['show', 'HEAD:logo.png'])).toBe(png(2));
    expect(git(f.worktree, ['ls-files', 'gone.ts']).trim()).toBe('');
  });
});

describe('a rebase across a host restart', () => {
  it('is still reported, with its trash ref, and aborts back to where it was', async () => {
    f = await startRebaseFixture(dirs, { 'app.ts': threeLines('two'), 'notes.md': 'notes\n' });
    const threadCommit = commitIn(f.worktree, 'Thread edit', { 'app.ts': threeLines('THREAD') });
    f.repo.commit('Base edit', { 'app.ts': threeLines('BASE') });
    writeIn(f.worktree, 'notes.md', 'uncommitted notes\n');
    const stopped = await f.t.client.api.rebase.start({ threadId: f.thread.id });
    expect(stopped.trashRef).not.toBeNull();

    await f.t.close();
    f = { ...f, t: await startThreadsHost(f.t.dataDir) };
    expect((await f.t.client.api.thread.get({ threadId: f.thread.id })).status).toBe('ready');
    expect(f.t.host.services.info().reconcile).toEqual([]);
    const after = await f.t.client.api.rebase.status({ threadId: f.thread.id });
    expect(after).toEqual(stopped);

    const aborted = await f.t.client.api.rebase.abort({ threadId: f.thread.id });
    expect(aborted).toMatchObject({ inProgress: false, trashRef: stopped.trashRef });
    expect(headOf(f.worktree)).toBe(threadCommit);
    expect(statusOf(f.worktree)).toBe(' M notes.md\n');
  });
});
