import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptGroup, Thread } from '../../src-shared/contract';
import {
  ANSWER_CHECK,
  BAD_MODEL,
  BROKEN_MODEL,
  GOOD_MODEL,
  VARIANTS,
  startAttemptRig,
  type AttemptRig,
} from '../support/attempt-fixtures';
import { TempDirs, git } from '../support/git-repo';

const dirs = new TempDirs();
let rig: AttemptRig;

beforeEach(async () => {
  rig = await startAttemptRig(dirs);
});
afterEach(async () => {
  await rig.close();
  dirs.cleanup();
});

function attemptOf(group: AttemptGroup, model: string) {
  const attempt = group.attempts.find((candidate) => candidate.variant.model === model);
  if (!attempt) throw new Error(`no attempt runs ${model}`);
  return attempt;
}

/** Starts the three attempts and waits until none is at work any more. */
async function runThreeAttempts(): Promise<AttemptGroup> {
  const { group } = await rig.test.client.api.attempt.start({
    projectId: rig.projectId,
    title: 'Find the answer',
    prompt: 'Write the answer to answer.txt',
    variants: VARIANTS,
  });
  expect(group.status).toBe('running');
  expect(group.attempts.map((attempt) => attempt.thread.title)).toEqual([
    `Find the answer · 1/3 · Built-in openai ${GOOD_MODEL}`,
    `Find the answer · 2/3 · Built-in openai ${BAD_MODEL}`,
    `Find the answer · 3/3 · Built-in openai ${BROKEN_MODEL}`,
  ]);
  // The diff counts follow the agent's file writes: on a loaded machine an update marked ready came with
  // counts taken while the patch was half applied (2 files, +1 -0), and the full counts came after.
  return rig.groupWhere(
    group.id,
    (update) =>
      update.status === 'ready' &&
      attemptOf(update, GOOD_MODEL).diff?.files === 2 &&
      attemptOf(update, GOOD_MODEL).diff?.additions === 3 &&
      attemptOf(update, BAD_MODEL).diff?.files === 2,
    'the three attempts to finish',
  );
}

function fileIn(thread: Thread, path: string): string | null {
  const file = join(thread.worktreePath, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

describe('attempts (best-of-N)', () => {
  it('runs three attempts, checks each, compares two, takes hunks and keeps the winner', async () => {
    const { api } = rig.test.client;
    const ready = await runThreeAttempts();
    const good = attemptOf(ready, GOOD_MODEL);
    const bad = attemptOf(ready, BAD_MODEL);
    const broken = attemptOf(ready, BROKEN_MODEL);

    // Each thread ran on its own variant's model, set in its own settings layer.
    const models = new Set(rig.server.requests.map((request) => request.model));
    expect(models).toEqual(new Set([GOOD_MODEL, BAD_MODEL, BROKEN_MODEL]));
    const settings = await api.agent.getSettings({ threadId: bad.thread.id });
    expect(settings.thread).toMatchObject({ provider: 'openai', model: BAD_MODEL });

    expect(fileIn(good.thread, 'answer.txt')).toBe('42\n');
    expect(fileIn(bad.thread, 'answer.txt')).toBe('41\n');
    expect(fileIn(broken.thread, 'answer.txt')).toBeNull();
    expect(good.diff).toEqual({ files: 2, additions: 3, deletions: 2 });
    expect(broken.diff).toEqual({ files: 0, additions: 0, deletions: 0 });
    expect(good.tokens).toBeGreaterThanOrEqual(330);
    const brokenTurns = (await api.thread.items({ threadId: broken.thread.id })).turns;
    expect(brokenTurns.map((turn) => turn.status)).toEqual(['failed']);
    expect(broken.tokens).toBe(0);

    // No check command yet: a clear refusal.
    await expect(api.attempt.check({ groupId: ready.id })).rejects.toMatchObject({ kind: 'INVALID_STATE' });
    await api.project.update({ projectId: rig.projectId, settings: { checkCommand: ANSWER_CHECK } });
    const checking = await api.attempt.check({ groupId: ready.id });
    expect(checking.group.attempts.map((attempt) => attempt.check?.status)).toEqual([
      'running',
      'running',
      'running',
    ]);
    const checked = await rig.groupWhere(
      ready.id,
      (update) => update.attempts.every((attempt) => attempt.check && attempt.check.status !== 'running'),
      'the three checks',
    );
    expect(attemptOf(checked, GOOD_MODEL).check).toMatchObject({
      status: 'passed',
      exitCode: 0,
      command: ANSWER_CHECK,
    });
    expect(attemptOf(checked, BAD_MODEL).check).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(attemptOf(checked, BROKEN_MODEL).check?.status).toBe('failed');
    const sent = rig.updates.filter((update) => update.group.id === ready.id);
    const firstRunning = sent.findIndex(
      (update) => attemptOf(update.group, BAD_MODEL).check?.status === 'running',
    );
    const firstFailed = sent.findIndex(
      (update) => attemptOf(update.group, BAD_MODEL).check?.status === 'failed',
    );
    expect(firstRunning).toBeGreaterThanOrEqual(0);
    expect(firstRunning).toBeLessThan(firstFailed);

    // Compare: the snapshots are kept under the group's refs and open in the review's file diff.
    const comparison = await api.attempt.compare({
      groupId: ready.id,
      fromThreadId: good.thread.id,
      toThreadId: bad.thread.id,
    });
    expect(comparison.files).toEqual([
      { path: 'README.md', oldPath: null, additions: 1, deletions: 1 },
      { path: 'answer.txt', oldPath: null, additions: 1, deletions: 1 },
    ]);
    const refs = rig.repo.git(
      'for-each-ref',
      '--format=%(refname) %(objectname)',
      `refs/skein/attempts/${ready.id}/`,
    );
    expect(refs).toContain(`refs/skein/attempts/${ready.id}/${good.thread.id} ${comparison.from}`);
    expect(refs).toContain(`refs/skein/attempts/${ready.id}/${bad.thread.id} ${comparison.to}`);
    const sides = await api.review.fileDiff({
      threadId: good.thread.id,
      from: comparison.from,
      to: comparison.to,
      path: 'answer.txt',
    });
    expect(sides).toMatchObject({ oldContent: '42\n', newContent: '41\n' });

    // Take the good attempt's first README hunk into the broken one; its own work stays as it is.
    writeFileSync(join(broken.thread.worktreePath, 'notes.txt'), 'mine\n');
    const taken = await api.attempt.takeHunks({
      groupId: ready.id,
      fromThreadId: good.thread.id,
      toThreadId: broken.thread.id,
      path: 'README.md',
      hunks: [0],
    });
    expect(taken).toEqual({ applied: 1, rejected: [] });
    const readme = fileIn(broken.thread, 'README.md') ?? '';
    expect(readme.startsWith('line one\nline 2\n')).toBe(true);
    expect(readme.endsWith('line 20\n')).toBe(true);
    expect(fileIn(broken.thread, 'notes.txt')).toBe('mine\n');
    // Files only: nothing staged in its index.
    expect(
      git(broken.thread.worktreePath, ['status', '--porcelain']).split('\n').filter(Boolean).sort(),
    ).toEqual([' M README.md', '?? notes.txt']);
    // The bad attempt edited the same README lines its own way: no hunk fits, nothing of the file is taken.
    const clash = await api.attempt.takeHunks({
      groupId: ready.id,
      fromThreadId: good.thread.id,
      toThreadId: bad.thread.id,
      path: 'README.md',
    });
    expect(clash.applied).toBe(0);
    expect(clash.rejected).toEqual(['@@ -1,4 +1,4 @@', '@@ -17,4 +17,4 @@ line 16']);
    expect(fileIn(bad.thread, 'README.md')).toContain('line twenty (41)');
    expect(fileIn(bad.thread, 'answer.txt')).toBe('41\n');

    // The bad attempt holds a commit of its own besides uncommitted work: archiving must keep both.
    git(bad.thread.worktreePath, ['add', 'answer.txt']);
    git(bad.thread.worktreePath, ['commit', '--quiet', '-m', 'Answer 41']);

    // Pick the winner: the others are archived, and unarchiving brings their work back.
    const { group: picked } = await api.attempt.pick({ groupId: ready.id, threadId: good.thread.id });
    expect(picked.status).toBe('picked');
    expect(picked.winnerThreadId).toBe(good.thread.id);
    expect(picked.attempts.map((attempt) => attempt.outcome)).toEqual(['winner', 'discarded', 'discarded']);
    expect(attemptOf(picked, BAD_MODEL).thread.archivedAt).not.toBeNull();
    expect(attemptOf(picked, GOOD_MODEL).thread.archivedAt).toBeNull();
    expect(existsSync(bad.thread.worktreePath)).toBe(false);
    expect(existsSync(good.thread.worktreePath)).toBe(true);
    // What an archived attempt measured stays on it.
    expect(attemptOf(picked, BAD_MODEL).check?.status).toBe('failed');
    expect((await api.attempt.ofThread({ threadId: bad.thread.id })).group?.id).toBe(ready.id);

    await api.thread.unarchive({ threadId: bad.thread.id });
    await rig.test.threadStatus(bad.thread.id, 'ready');
    expect(fileIn(bad.thread, 'answer.txt')).toBe('41\n');
    expect(fileIn(bad.thread, 'README.md')).toContain('line twenty (41)');
    expect(git(bad.thread.worktreePath, ['log', '-1', '--format=%s']).trim()).toBe('Answer 41');
    expect(git(bad.thread.worktreePath, ['status', '--porcelain']).trim()).toBe('M README.md');
    await api.thread.unarchive({ threadId: broken.thread.id });
    await rig.test.threadStatus(broken.thread.id, 'ready');
    expect(fileIn(broken.thread, 'README.md')?.startsWith('line one\n')).toBe(true);
    expect(fileIn(broken.thread, 'notes.txt')).toBe('mine\n');
  });

  it('refuses a second winner and attempts of another group', async () => {
    const { api } = rig.test.client;
    const ready = await runThreeAttempts();
    const [first, second] = ready.attempts;
    await expect(
      api.attempt.compare({
        groupId: ready.id,
        fromThreadId: first!.thread.id,
        toThreadId: first!.thread.id,
      }),
    ).rejects.toMatchObject({ kind: 'INVALID_PARAMS' });
    await api.attempt.pick({ groupId: ready.id, threadId: first!.thread.id });
    await expect(api.attempt.pick({ groupId: ready.id, threadId: second!.thread.id })).rejects.toMatchObject({
      kind: 'INVALID_STATE',
    });
    const { thread: outsider } = {
      thread: await api.thread.start({ projectId: rig.projectId, title: 'Other' }),
    };
    await expect(api.attempt.pick({ groupId: ready.id, threadId: outsider.id })).rejects.toMatchObject({
      kind: 'NOT_FOUND',
    });
    const { groups } = await api.attempt.list({ projectId: rig.projectId });
    expect(groups.map((group) => group.id)).toEqual([ready.id]);
  });
});
