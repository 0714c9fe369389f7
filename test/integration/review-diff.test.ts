import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiffFile } from '../../src-shared/contract';
import { INLINE_CONTENT_LIMIT_BYTES, reviewRefName } from '../../src-main/core/review';
import { git, TempDirs } from '../support/git-repo';
import {
  commitAllIn,
  makeExecutable,
  numberedLines,
  removeIn,
  startReviewFixture,
  writeIn,
  type ReviewFixture,
} from '../support/review-thread';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let f: ReviewFixture;

/** Ten distinct lines, long enough for git to see a rename with one line changed. */
const OLD_NAME = numberedLines(10, 'export const value');
/** ASCII bytes and NULs: the fixture writes file contents as UTF-8 text. */
const BINARY_BEFORE = Buffer.from([0x7f, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 4]);
const BINARY_AFTER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9, 0, 4, 5]);
/** 5 MiB of text: past the inline limit. */
const BIG_TEXT = 'x'
  .repeat(1023)
  .concat('\n')
  .repeat(5 * 1024);

beforeEach(async () => {
  f = await startReviewFixture(dirs, {
    files: {
      'README.md': '# demo\n',
      '.gitignore': 'ignored.log\n',
      'both.ts': 'export const both = 1;\n',
      'src/old-name.ts': OLD_NAME,
      'gone.txt': 'bye\n',
      'run.sh': '#!/bin/sh\necho hi\n',
      'logo.bin': BINARY_BEFORE.toString('latin1'),
    },
  });
});
afterEach(async () => {
  await f.t.close();
  dirs.cleanup();
});

/** A thread with one commit (a change and a rename) and then uncommitted work of every kind. */
function makeChanges(): void {
  const { worktree } = f;
  writeIn(worktree, 'both.ts', 'export const both = 2;\n');
  git(worktree, ['mv', 'src/old-name.ts', 'src/new-name.ts']);
  writeIn(worktree, 'src/new-name.ts', OLD_NAME.replace('value 5', 'value five'));
  commitAllIn(worktree, 'Change both and rename');
  writeIn(worktree, 'both.ts', 'export const both = 3;\n');
  removeIn(worktree, 'gone.txt');
  makeExecutable(worktree, 'run.sh');
  writeIn(worktree, 'logo.bin', BINARY_AFTER);
  writeIn(worktree, 'notes/new.md', '# new\n');
  writeIn(worktree, 'big.txt', BIG_TEXT);
  writeIn(worktree, 'ignored.log', 'noise\n');
}

function byPath(files: DiffFile[]): Map<string, DiffFile> {
  return new Map(files.map((file) => [file.path, file]));
}

describe('review/files against the base', () => {
  it('lists renames, deletions, mode changes, binaries, untracked and large files, and touches nothing', async () => {
    makeChanges();
    const { worktree, thread } = f;
    const headBefore = git(worktree, ['rev-parse', 'HEAD']).trim();
    const statusBefore = git(worktree, ['status', '--porcelain=v1', '-z']);

    const summary = await f.t.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });

    expect(summary.files.map((file) => file.path)).toEqual([
      'big.txt',
      'both.ts',
      'gone.txt',
      'logo.bin',
      'notes/new.md',
      'run.sh',
      'src/new-name.ts',
    ]);
    const files = byPath(summary.files);
    expect(files.get('both.ts')).toMatchObject({
      change: 'modified',
      additions: 1,
      deletions: 1,
      binary: false,
      uncommitted: true,
      oldSize: 23,
      newSize: 23,
    });
    expect(files.get('src/new-name.ts')).toMatchObject({
      change: 'renamed',
      oldPath: 'src/old-name.ts',
      additions: 1,
      deletions: 1,
      uncommitted: false,
    });
    expect(files.get('gone.txt')).toMatchObject({
      change: 'deleted',
      oldMode: '100644',
      newMode: null,
      oldSize: 4,
      newSize: null,
      deletions: 1,
      uncommitted: true,
    });
    expect(files.get('run.sh')).toMatchObject({
      change: 'modified',
      oldMode: '100644',
      newMode: '100755',
      additions: 0,
      deletions: 0,
    });
    expect(files.get('logo.bin')).toMatchObject({
      binary: true,
      additions: null,
      deletions: null,
      oldSize: BINARY_BEFORE.length,
      newSize: BINARY_AFTER.length,
    });
    expect(files.get('notes/new.md')).toMatchObject({
      change: 'added',
      oldMode: null,
      newMode: '100644',
      oldSize: null,
      newSize: 6,
      additions: 1,
      uncommitted: true,
    });
    expect(files.get('big.txt')).toMatchObject({
      change: 'added',
      newSize: BIG_TEXT.length,
      additions: 5 * 1024,
    });
    expect(summary.totals.files).toBe(7);
    expect(summary.totals.additions).toBe(
      summary.files.reduce((sum, file) => sum + (file.additions ?? 0), 0),
    );

    // Left: the merge-base with main; right: a snapshot whose parent is HEAD, kept by the review ref.
    const base = f.repo.head('main');
    expect(summary.from).toBe(base);
    expect(summary.base).toEqual({ branch: 'main', commit: base });
    expect(git(worktree, ['rev-parse', `${summary.to}^`]).trim()).toBe(headBefore);
    expect(git(worktree, ['rev-parse', reviewRefName(thread.id)]).trim()).toBe(summary.to);

    // Nothing of the user's worktree moved: HEAD, index and files are as they were.
    expect(git(worktree, ['rev-parse', 'HEAD']).trim()).toBe(headBefore);
    expect(git(worktree, ['status', '--porcelain=v1', '-z'])).toBe(statusBefore);
    expect(git(worktree, ['diff', '--cached', '--name-only'])).toBe('');
  });

  it('recounts a file edited between two looks, and keeps the others', async () => {
    makeChanges();
    const first = await f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
    writeIn(f.worktree, 'both.ts', 'export const both = 4;\nexport const x = 1;\nexport const y = 2;\n');
    const second = await f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
    expect(byPath(second.files).get('both.ts')).toMatchObject({ additions: 3, deletions: 1, newSize: 63 });
    const others = (files: DiffFile[]) => files.filter((file) => file.path !== 'both.ts');
    expect(others(second.files)).toEqual(others(first.files));
    expect(second.totals.additions).toBe(first.totals.additions + 2);
  });

  it('falls back to the start commit when the base branch is gone', async () => {
    await f.t.close();
    f = await startReviewFixture(dirs, { branches: ['develop'], base: 'develop' });
    writeIn(f.worktree, 'feature.ts', 'export const feature = true;\n');
    commitAllIn(f.worktree, 'Feature');
    f.repo.git('branch', '-D', 'develop');

    const summary = await f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
    expect(summary.base).toBeNull();
    expect(summary.from).toBe(f.thread.baseCommit);
    expect(summary.files.map((file) => [file.path, file.change, file.uncommitted])).toEqual([
      ['feature.ts', 'added', false],
    ]);
  });

  it('measures against the merge-base, not the moved base tip', async () => {
    f.repo.commit('Base moves on', { 'base-only.ts': 'export const b = 1;\n' });
    writeIn(f.worktree, 'thread.ts', 'export const t = 1;\n');
    const summary = await f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } });
    expect(summary.files.map((file) => file.path)).toEqual(['thread.ts']);
    expect(summary.from).toBe(f.thread.baseCommit);
    expect(summary.base?.commit).toBe(f.repo.head('main'));
  });

  it('answers NOT_FOUND for an unknown thread and INVALID_STATE for an archived one', async () => {
    const unknown = await rpcFailure(
      f.t.client.api.review.files({ threadId: 'no-such-thread', range: { kind: 'base' } }),
    );
    expect(unknown.kind).toBe('NOT_FOUND');
    await f.t.client.api.thread.archive({ threadId: f.thread.id });
    const archived = await rpcFailure(
      f.t.client.api.review.files({ threadId: f.thread.id, range: { kind: 'base' } }),
    );
    expect(archived.kind).toBe('INVALID_STATE');
    expect(archived.message).toMatch(/archived.*Unarchive it/);
  });
});

describe('review/fileDiff', () => {
  it('gives both sides, hunks and a language for text, renames and deletions', async () => {
    makeChanges();
    const { thread } = f;
    const { from, to } = await f.t.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });
    const diff = (path: string, oldPath?: string) =>
      f.t.client.api.review.fileDiff({ threadId: thread.id, from, to, path, oldPath });

    const both = await diff('both.ts');
    expect(both).toMatchObject({
      change: 'modified',
      binary: false,
      tooLarge: false,
      oldContent: 'export const both = 1;\n',
      newContent: 'export const both = 3;\n',
      language: 'typescript',
    });
    expect(both.hunks).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, header: '@@ -1 +1 @@' },
    ]);

    const renamed = await diff('src/new-name.ts', 'src/old-name.ts');
    expect(renamed).toMatchObject({ change: 'renamed', oldPath: 'src/old-name.ts', oldContent: OLD_NAME });
    expect(renamed.newContent).toContain('value five');
    expect(renamed.hunks).toHaveLength(1);
    expect(renamed.hunks[0]).toMatchObject({ oldStart: 2, newStart: 2, oldLines: 7, newLines: 7 });

    const gone = await diff('gone.txt');
    expect(gone).toMatchObject({ change: 'deleted', oldContent: 'bye\n', newContent: null, newSize: null });
    expect(gone.language).toBe('plaintext');

    const mode = await diff('run.sh');
    expect(mode).toMatchObject({ change: 'modified', hunks: [], language: 'shell' });
    expect(mode.oldContent).toBe(mode.newContent);

    const added = await diff('notes/new.md');
    expect(added).toMatchObject({
      change: 'added',
      oldContent: null,
      newContent: '# new\n',
      language: 'markdown',
    });
    expect(added.hunks).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, header: '@@ -0,0 +1 @@' },
    ]);
  });

  it('shows a binary file as binary with sizes, and a large file only on request', async () => {
    makeChanges();
    const { thread } = f;
    const { from, to } = await f.t.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });

    const binary = await f.t.client.api.review.fileDiff({ threadId: thread.id, from, to, path: 'logo.bin' });
    expect(binary).toMatchObject({
      binary: true,
      tooLarge: false,
      oldContent: null,
      newContent: null,
      oldSize: BINARY_BEFORE.length,
      newSize: BINARY_AFTER.length,
      hunks: [],
    });

    expect(BIG_TEXT.length).toBeGreaterThan(INLINE_CONTENT_LIMIT_BYTES);
    const large = await f.t.client.api.review.fileDiff({ threadId: thread.id, from, to, path: 'big.txt' });
    expect(large).toMatchObject({
      tooLarge: true,
      binary: false,
      oldContent: null,
      newContent: null,
      hunks: [],
    });
    expect(large.newSize).toBe(BIG_TEXT.length);

    const full = await f.t.client.api.review.fileDiff({
      threadId: thread.id,
      from,
      to,
      path: 'big.txt',
      full: true,
    });
    expect(full.tooLarge).toBe(false);
    expect(full.newContent).toBe(BIG_TEXT);
    expect(full.hunks).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 5 * 1024, header: '@@ -0,0 +1,5120 @@' },
    ]);
  });

  it('refuses unknown commits and unchanged files with NOT_FOUND', async () => {
    writeIn(f.worktree, 'both.ts', 'export const both = 9;\n');
    const { from, to } = await f.t.client.api.review.files({
      threadId: f.thread.id,
      range: { kind: 'base' },
    });
    const unchanged = await rpcFailure(
      f.t.client.api.review.fileDiff({ threadId: f.thread.id, from, to, path: 'README.md' }),
    );
    expect(unchanged.kind).toBe('NOT_FOUND');
    expect(unchanged.message).toMatch(/README\.md did not change/);
    const missing = await rpcFailure(
      f.t.client.api.review.fileDiff({ threadId: f.thread.id, from, to: 'f'.repeat(40), path: 'both.ts' }),
    );
    expect(missing.kind).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/Refresh the review/);
  });
});
