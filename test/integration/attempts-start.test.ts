import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BAD_MODEL,
  GOOD_MODEL,
  VARIANTS,
  startAttemptRig,
  type AttemptRig,
} from '../support/attempt-fixtures';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
let rig: AttemptRig;

beforeEach(async () => {
  rig = await startAttemptRig(dirs);
});
afterEach(async () => {
  await rig.close();
  dirs.cleanup();
});

describe('attempt/start', () => {
  it('records a failure to start on that attempt and lets the others run', async () => {
    const { api } = rig.test.client;
    // Setup runs in each new worktree; it fails only on the bad attempt's branch.
    await api.project.update({
      projectId: rig.projectId,
      settings: { setupCommand: `case "$(git branch --show-current)" in *-2-2-*) exit 3;; esac` },
    });
    const { group } = await api.attempt.start({
      projectId: rig.projectId,
      title: 'Find the answer',
      prompt: 'Write the answer',
      variants: VARIANTS.slice(0, 2),
    });
    const done = await rig.groupWhere(
      group.id,
      (update) => update.status === 'ready' && update.attempts[0]?.diff?.files === 2,
      'the good attempt to finish and the bad one to fail',
    );
    const [good, bad] = done.attempts;
    expect(good?.error ?? null).toBeNull();
    expect(bad?.thread.status).toBe('setup_failed');
    expect(bad?.error).toMatch(/could not start: Its setup failed/);
    expect(rig.server.requests.map((request) => request.model)).not.toContain(BAD_MODEL);
    expect(rig.server.requests.map((request) => request.model)).toContain(GOOD_MODEL);
  });

  it('fails as a whole, with nothing made, when the base does not exist', async () => {
    const { api } = rig.test.client;
    await expect(
      api.attempt.start({
        projectId: rig.projectId,
        title: 'Nowhere',
        prompt: 'Anything',
        base: 'no-such-branch',
        variants: VARIANTS,
      }),
    ).rejects.toMatchObject({ kind: 'BRANCH_NOT_FOUND' });
    expect(await api.thread.list({ projectId: rig.projectId })).toEqual({ threads: [] });
    expect((await api.attempt.list({ projectId: rig.projectId })).groups).toEqual([]);
  });

  it('drops a deleted thread from its group', async () => {
    const { api } = rig.test.client;
    const { group } = await api.attempt.start({
      projectId: rig.projectId,
      title: 'Find the answer',
      prompt: 'Write the answer',
      variants: VARIANTS.slice(0, 2),
    });
    const ready = await rig.groupWhere(
      group.id,
      (update) => update.status === 'ready' && update.attempts.every((attempt) => attempt.diff?.files === 2),
      'both attempts',
    );
    const [first, second] = ready.attempts;
    expect((await api.attempt.ofThread({ threadId: second!.thread.id })).group?.id).toBe(group.id);
    await api.thread.delete({ threadId: second!.thread.id, force: true });
    const after = await rig.groupWhere(
      group.id,
      (update) => update.attempts.length === 1,
      'the group without it',
    );
    expect(after.attempts.map((attempt) => attempt.thread.id)).toEqual([first!.thread.id]);
    expect((await api.attempt.get({ groupId: group.id })).group.attempts).toHaveLength(1);
  });

  it('keeps groups across a restart of the host', async () => {
    const { api } = rig.test.client;
    const { group } = await api.attempt.start({
      projectId: rig.projectId,
      title: 'Find the answer',
      prompt: 'Write the answer',
      variants: VARIANTS.slice(0, 1),
    });
    await rig.groupWhere(
      group.id,
      (update) => update.status === 'ready' && update.attempts[0]?.diff?.files === 2,
      'the attempt',
    );
    const reopened = await rig.reopen();
    const { group: again } = await reopened.client.api.attempt.get({ groupId: group.id });
    expect(again).toMatchObject({
      id: group.id,
      title: 'Find the answer',
      prompt: 'Write the answer',
      status: 'ready',
    });
    expect(again.attempts[0]).toMatchObject({ index: 1, variant: VARIANTS[0], outcome: 'candidate' });
    expect(again.attempts[0]?.diff).toEqual({ files: 2, additions: 3, deletions: 2 });
  });
});
