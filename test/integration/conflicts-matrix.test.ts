import { afterEach, describe, expect, it } from 'vitest';
import { TempDirs, git } from '../support/git-repo';
import {
  cellOf,
  linesWith,
  startRadarFixture,
  statusOf,
  type RadarFixture,
} from '../support/conflict-fixtures';
import { commitAllIn, writeIn } from '../support/review-thread';

const dirs = new TempDirs();
let fixture: RadarFixture | null = null;

afterEach(async () => {
  await fixture?.close();
  fixture = null;
  dirs.cleanup();
});

const BASE_FILES = { 'shared.txt': linesWith(30), 'other.txt': linesWith(10), 'README.md': '# radar\n' };

describe('conflict radar matrix', () => {
  it('reports same-line edits as a conflict, other files as clean and same-file edits elsewhere as overlap', async () => {
    fixture = await startRadarFixture(dirs, ['A', 'B', 'C', 'D'], { files: BASE_FILES });
    const [a, b, c, d] = fixture.threads;
    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 5: 'A was here' }));
    writeIn(b!.worktreePath, 'shared.txt', linesWith(30, { 5: 'B was here' }));
    writeIn(c!.worktreePath, 'other.txt', linesWith(10, { 2: 'C was here' }));
    writeIn(d!.worktreePath, 'shared.txt', linesWith(30, { 25: 'D was here' }));

    const matrix = await fixture.waitForMatrix(
      (m) => m.threads.every((thread) => thread.uncommitted) && statusOf(m, a!.id, b!.id) === 'conflict',
    );
    expect(cellOf(matrix, a!.id, b!.id)).toMatchObject({
      status: 'conflict',
      conflicts: ['shared.txt'],
      overlaps: [],
    });
    for (const other of [a!, b!, d!]) expect(cellOf(matrix, c!.id, other.id).status).toBe('clean');
    expect(cellOf(matrix, a!.id, d!.id)).toMatchObject({
      status: 'overlap',
      conflicts: [],
      overlaps: ['shared.txt'],
    });
    expect(cellOf(matrix, b!.id, d!.id).status).toBe('overlap');
    for (const thread of fixture.threads) expect(cellOf(matrix, thread.id, null).status).toBe('clean');
    expect(matrix.pairs).toHaveLength(6 + 4);
    const radarA = matrix.threads.find((thread) => thread.threadId === a!.id);
    expect(radarA).toMatchObject({
      touched: ['shared.txt'],
      conflictsWith: [b!.id],
      overlapsWith: [d!.id],
      uncommitted: true,
    });
    expect(radarA?.head).toBe(git(a!.worktreePath, ['rev-parse', 'HEAD']).trim());
    expect(radarA?.snapshot).not.toBe(radarA?.head);
    // The radar never touches a thread's index: the edit is still unstaged.
    expect(git(a!.worktreePath, ['diff', '--cached', '--name-only']).trim()).toBe('');
    expect(
      fixture.repo.git('for-each-ref', '--format=%(refname)', 'refs/skein/radar/').trim().split('\n'),
    ).toHaveLength(4);
  });

  it('follows a commit, a revert and a merge of one thread into the base', async () => {
    fixture = await startRadarFixture(dirs, ['A', 'B'], { files: BASE_FILES });
    const [a, b] = fixture.threads;
    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 5: 'A was here' }));
    writeIn(b!.worktreePath, 'shared.txt', linesWith(30, { 5: 'B was here' }));
    await fixture.waitForMatrix((m) => statusOf(m, a!.id, b!.id) === 'conflict');

    const committed = commitAllIn(a!.worktreePath, 'A edits line 5');
    let matrix = await fixture.waitForMatrix(
      (m) => m.threads.find((x) => x.threadId === a!.id)?.head === committed,
    );
    expect(matrix.threads.find((x) => x.threadId === a!.id)).toMatchObject({
      uncommitted: false,
      snapshot: committed,
    });
    expect(statusOf(matrix, a!.id, b!.id)).toBe('conflict');

    git(a!.worktreePath, ['revert', '--no-edit', 'HEAD']);
    matrix = await fixture.waitForMatrix((m) => statusOf(m, a!.id, b!.id) === 'clean');
    expect(matrix.threads.find((x) => x.threadId === a!.id)?.touched).toEqual([]);

    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 5: 'A again' }));
    commitAllIn(a!.worktreePath, 'A edits line 5 again');
    await fixture.waitForMatrix((m) => statusOf(m, a!.id, b!.id) === 'conflict');
    const before = fixture.repo.head('main');
    const merged = await fixture.t.client.api.thread.merge({ threadId: a!.id, strategy: 'squash' });
    expect(merged).toBeTruthy();
    const after = fixture.repo.head('main');
    expect(after).not.toBe(before);
    matrix = await fixture.waitForMatrix(
      (m) => m.bases.main === after && statusOf(m, b!.id, null) === 'conflict',
    );
    expect(cellOf(matrix, b!.id, null).conflicts).toEqual(['shared.txt']);
    expect(cellOf(matrix, a!.id, null).status).toBe('clean');
    expect(matrix.threads.find((x) => x.threadId === b!.id)?.conflictsWithBase).toBe(true);
  });

  it('merges a rename on one side with an edit on the other, and drops archived threads', async () => {
    fixture = await startRadarFixture(dirs, ['Renamer', 'Editor'], { files: BASE_FILES });
    const [a, b] = fixture.threads;
    git(a!.worktreePath, ['mv', 'other.txt', 'renamed.txt']);
    writeIn(b!.worktreePath, 'other.txt', linesWith(10, { 3: 'edited' }));
    const matrix = await fixture.waitForMatrix(
      (m) => m.threads.every((x) => x.uncommitted) && statusOf(m, a!.id, b!.id) !== 'pending',
    );
    expect(cellOf(matrix, a!.id, b!.id)).toMatchObject({
      status: 'overlap',
      conflicts: [],
      overlaps: ['other.txt'],
    });
    const details = await fixture.t.client.api.conflicts.pair({ a: a!.id, b: b!.id });
    expect(details).toMatchObject({ status: 'overlap', files: [], overlaps: ['other.txt'] });

    await fixture.t.client.api.thread.archive({ threadId: b!.id });
    const after = await fixture.waitForMatrix((m) => m.threads.length === 1);
    expect(after.pairs.map((pair) => [pair.a, pair.b])).toEqual([[a!.id, null]]);
    await expect(fixture.t.client.api.conflicts.overlaps({ threadId: b!.id })).rejects.toMatchObject({
      kind: 'INVALID_STATE',
    });
    await waitForRefGone(fixture, b!.id);
  });

  it('reports a binary file edited in two threads and details a content conflict with hunks', async () => {
    const binary = Buffer.from([0, 1, 2, 3, 255, 0, 7]);
    fixture = await startRadarFixture(dirs, ['A', 'B'], {
      files: { ...BASE_FILES, 'logo.bin': '\u0000\u0001base' },
    });
    const [a, b] = fixture.threads;
    for (const [thread, label] of [
      [a!, 'A'],
      [b!, 'B'],
    ] as const) {
      writeIn(thread.worktreePath, 'logo.bin', Buffer.concat([binary, Buffer.from(label)]));
      writeIn(
        thread.worktreePath,
        'shared.txt',
        linesWith(30, { 5: `${label} line five`, 6: `${label} line six` }),
      );
    }
    const matrix = await fixture.waitForMatrix((m) => statusOf(m, a!.id, b!.id) === 'conflict');
    expect(cellOf(matrix, a!.id, b!.id).conflicts.sort()).toEqual(['logo.bin', 'shared.txt']);

    const details = await fixture.t.client.api.conflicts.pair({ a: a!.id, b: b!.id });
    expect(details.status).toBe('conflict');
    const bin = details.files.find((file) => file.path === 'logo.bin');
    expect(bin).toMatchObject({ kind: 'binary', hunks: [] });
    expect(bin?.messages.join('\n')).toContain('Cannot merge binary files');
    const text = details.files.find((file) => file.path === 'shared.txt');
    expect(text?.kind).toBe('content');
    expect(text?.messages.join('\n')).toContain('CONFLICT (content)');
    expect(text?.hunks).toEqual([
      {
        mergedStart: 5,
        mergedEnd: 11,
        ours: 'A line five\nA line six\n',
        theirs: 'B line five\nB line six\n',
      },
    ]);
  });
});

async function waitForRefGone(fixture: RadarFixture, threadId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (fixture.repo.git('for-each-ref', `refs/skein/radar/${threadId}`).trim() !== '') {
    if (Date.now() > deadline) throw new Error(`refs/skein/radar/${threadId} was not deleted`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
