import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, TempDirs } from '../support/git-repo';
import {
  commitAllIn,
  numberedLines,
  removeIn,
  startReviewFixture,
  writeIn,
  type ReviewFixture,
} from '../support/review-thread';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let f: ReviewFixture;

const APP = numberedLines(30);
const OLD_NAME = numberedLines(10, 'export const value');
/** Two changes far enough apart to be two hunks: line 3 and line 25. */
const APP_TWO_CHANGES = APP.replace('line 3\n', 'line three\n').replace('line 25\n', 'line twenty-five\n');

beforeEach(async () => {
  f = await startReviewFixture(dirs, {
    files: {
      'app.ts': APP,
      'old.ts': OLD_NAME,
      'gone.txt': 'bye\n',
      'my file.txt': APP,
    },
  });
});
afterEach(async () => {
  await f.t.close();
  dirs.cleanup();
});

const read = (file: string) => readFileSync(join(f.worktree, file), 'utf8');
const files = async () => f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
const fileAtRef = (ref: string, file: string) => git(f.worktree, ['show', `${ref}:${file}`]);

describe('review/revertFile', () => {
  it('puts added, modified, deleted and renamed files back as in the base, trashing uncommitted work first', async () => {
    const { worktree, thread } = f;
    git(worktree, ['mv', 'old.ts', 'renamed.ts']);
    writeIn(worktree, 'renamed.ts', OLD_NAME.replace('value 4', 'value four'));
    const head = commitAllIn(worktree, 'Rename old.ts');
    writeIn(worktree, 'app.ts', APP_TWO_CHANGES);
    writeIn(worktree, 'new/deep/added.txt', 'added\n');
    removeIn(worktree, 'gone.txt');
    expect((await files()).files.map((file) => file.path)).toEqual([
      'app.ts',
      'gone.txt',
      'new/deep/added.txt',
      'renamed.ts',
    ]);

    const added = await f.t.client.api.review.revertFile({ threadId: thread.id, path: 'new/deep/added.txt' });
    expect(existsSync(join(worktree, 'new'))).toBe(false);
    expect(added.trashRef).toMatch(new RegExp(`^refs/skein/trash/${thread.id}/\\d+$`));
    expect(fileAtRef(added.trashRef ?? '', 'new/deep/added.txt')).toBe('added\n');

    const modified = await f.t.client.api.review.revertFile({ threadId: thread.id, path: 'app.ts' });
    expect(read('app.ts')).toBe(APP);
    expect(fileAtRef(modified.trashRef ?? '', 'app.ts')).toBe(APP_TWO_CHANGES);

    const deleted = await f.t.client.api.review.revertFile({ threadId: thread.id, path: 'gone.txt' });
    expect(read('gone.txt')).toBe('bye\n');
    expect(deleted.trashRef).not.toBeNull();

    // Committed work is in HEAD already: nothing needs the trash.
    const renamed = await f.t.client.api.review.revertFile({ threadId: thread.id, path: 'renamed.ts' });
    expect(renamed.trashRef).toBeNull();
    expect(read('old.ts')).toBe(OLD_NAME);
    expect(existsSync(join(worktree, 'renamed.ts'))).toBe(false);

    expect((await files()).files).toEqual([]);
    // Only files changed: HEAD stayed, and the index still holds what the user staged (nothing).
    expect(git(worktree, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(git(worktree, ['diff', '--cached', '--name-only'])).toBe('');
    const trash = await f.t.client.api.trash.list({ projectId: f.project.id });
    expect(trash.entries.map((entry) => entry.reason).sort()).toEqual([
      'review: revert app.ts',
      'review: revert gone.txt',
      'review: revert new/deep/added.txt',
    ]);
  });

  it('refuses a file with no changes', async () => {
    const failure = await rpcFailure(
      f.t.client.api.review.revertFile({ threadId: f.thread.id, path: 'app.ts' }),
    );
    expect(failure.kind).toBe('INVALID_STATE');
    expect(failure.message).toMatch(/nothing to revert/);
  });
});

describe('review/revertHunk', () => {
  async function hunksOf(path: string) {
    const summary = await files();
    const diff = await f.t.client.api.review.fileDiff({
      threadId: f.thread.id,
      from: summary.from,
      to: summary.to,
      path,
    });
    return { to: summary.to, hunks: diff.hunks };
  }

  it('undoes only that hunk, keeps the overwritten work in the trash, and refuses a stale view', async () => {
    const { worktree, thread } = f;
    writeIn(worktree, 'app.ts', APP_TWO_CHANGES);
    const first = await hunksOf('app.ts');
    expect(first.hunks).toHaveLength(2);

    const second = first.hunks[1]!;
    const result = await f.t.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'app.ts',
      header: second.header,
      to: first.to,
    });
    expect(read('app.ts')).toBe(APP.replace('line 3\n', 'line three\n'));
    expect(fileAtRef(result.trashRef ?? '', 'app.ts')).toBe(APP_TWO_CHANGES);
    expect(git(worktree, ['diff', '--cached', '--name-only'])).toBe('');

    // The file changed since `first` was taken: its other hunk is refused until the review is refreshed.
    const stale = await rpcFailure(
      f.t.client.api.review.revertHunk({
        threadId: thread.id,
        path: 'app.ts',
        header: first.hunks[0]!.header,
        to: first.to,
      }),
    );
    expect(stale.kind).toBe('INVALID_STATE');
    expect(stale.message).toBe('The file changed since you looked; refresh the review.');
    expect(read('app.ts')).toBe(APP.replace('line 3\n', 'line three\n'));

    const fresh = await hunksOf('app.ts');
    const notAHunk = await rpcFailure(
      f.t.client.api.review.revertHunk({
        threadId: thread.id,
        path: 'app.ts',
        header: '@@ -10,7 +10,7 @@',
        to: fresh.to,
      }),
    );
    expect(notAHunk.kind).toBe('INVALID_STATE');

    await f.t.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'app.ts',
      header: fresh.hunks[0]!.header,
      to: fresh.to,
    });
    expect(read('app.ts')).toBe(APP);
  });

  it('reverts a committed hunk in the worktree only, with nothing to trash', async () => {
    const { worktree, thread } = f;
    writeIn(worktree, 'app.ts', APP_TWO_CHANGES);
    const head = commitAllIn(worktree, 'Two changes');
    const { to, hunks } = await hunksOf('app.ts');
    const result = await f.t.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'app.ts',
      header: hunks[0]!.header,
      to,
    });
    expect(result.trashRef).toBeNull();
    expect(read('app.ts')).toBe(APP.replace('line 25\n', 'line twenty-five\n'));
    expect(git(worktree, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(git(worktree, ['status', '--porcelain']).trim()).toBe('M app.ts');
  });

  it('handles paths with spaces and the one hunk of a new file', async () => {
    const { worktree, thread } = f;
    writeIn(worktree, 'my file.txt', APP_TWO_CHANGES);
    writeIn(worktree, 'fresh.txt', 'one\ntwo\n');
    const spaced = await hunksOf('my file.txt');
    await f.t.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'my file.txt',
      header: spaced.hunks[0]!.header,
      to: spaced.to,
    });
    expect(read('my file.txt')).toBe(APP.replace('line 25\n', 'line twenty-five\n'));

    const fresh = await hunksOf('fresh.txt');
    const result = await f.t.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'fresh.txt',
      header: fresh.hunks[0]!.header,
      to: fresh.to,
    });
    expect(existsSync(join(worktree, 'fresh.txt'))).toBe(false);
    expect(fileAtRef(result.trashRef ?? '', 'fresh.txt')).toBe('one\ntwo\n');
  });
});
