import { afterEach, describe, expect, it } from 'vitest';
import { TempDirs, git } from '../support/git-repo';
import { linesWith, startRadarFixture, statusOf, type RadarFixture } from '../support/conflict-fixtures';
import { rpcFailure } from '../support/threads-host';
import { writeIn } from '../support/review-thread';

const dirs = new TempDirs();
let fixture: RadarFixture | null = null;

afterEach(async () => {
  await fixture?.close();
  fixture = null;
  dirs.cleanup();
});

describe('conflict radar merge order', () => {
  it('suggests an order that lands the most threads and simulates it without moving anything', async () => {
    fixture = await startRadarFixture(dirs, ['Hub', 'Left', 'Right', 'Loner'], {
      files: { 'shared.txt': linesWith(30), 'a.txt': 'a\n', 'b.txt': 'b\n' },
    });
    const [hub, left, right, loner] = fixture.threads;
    // Hub conflicts with Left and Right (lines 5 and 20); Left and Right edit different regions.
    writeIn(hub!.worktreePath, 'shared.txt', linesWith(30, { 5: 'hub', 20: 'hub' }));
    writeIn(left!.worktreePath, 'shared.txt', linesWith(30, { 5: 'left' }));
    writeIn(right!.worktreePath, 'shared.txt', linesWith(30, { 20: 'right' }));
    writeIn(loner!.worktreePath, 'b.txt', 'b changed\n');

    const matrix = await fixture.waitForMatrix(
      (m) => statusOf(m, hub!.id, left!.id) === 'conflict' && statusOf(m, hub!.id, right!.id) === 'conflict',
    );
    expect(statusOf(matrix, left!.id, right!.id)).toBe('overlap');
    // Fewest conflicts first, never one that conflicts with a thread already taken; Hub last.
    expect(matrix.suggestedOrder).toEqual([loner!.id, left!.id, right!.id, hub!.id]);

    const refsBefore = fixture.repo.git('for-each-ref');
    const simulation = await fixture.t.client.api.conflicts.simulate({ projectId: fixture.project.id });
    expect(simulation).toMatchObject({
      base: 'main',
      baseCommit: fixture.repo.head('main'),
      brokeAt: hub!.id,
    });
    expect(simulation.steps.map((step) => [step.threadId, step.outcome])).toEqual([
      [loner!.id, 'merged'],
      [left!.id, 'merged'],
      [right!.id, 'merged'],
      [hub!.id, 'conflict'],
    ]);
    expect(simulation.steps[3]?.conflicts).toEqual(['shared.txt']);
    const tip = simulation.steps[2]?.commit ?? '';
    expect(fixture.repo.git('show', `${tip}:shared.txt`)).toBe(linesWith(30, { 5: 'left', 20: 'right' }));
    expect(fixture.repo.git('show', `${tip}:b.txt`)).toBe('b changed\n');
    expect(fixture.repo.git('rev-list', '--count', `${fixture.repo.head('main')}..${tip}`).trim()).not.toBe(
      '0',
    );
    expect(fixture.repo.git('for-each-ref')).toBe(refsBefore);
    expect(fixture.repo.git('status', '--porcelain')).toBe('');

    const worst = await fixture.t.client.api.conflicts.simulate({
      projectId: fixture.project.id,
      order: [hub!.id, left!.id, loner!.id],
    });
    expect(worst.steps.map((step) => step.outcome)).toEqual(['merged', 'conflict', 'merged']);
    expect(worst.brokeAt).toBe(left!.id);
  });

  it('refuses unknown, archived and differently based threads with a clear error', async () => {
    fixture = await startRadarFixture(dirs, ['On main', 'Archived'], { branches: ['develop'] });
    const [onMain, archived] = fixture.threads;
    const started = await fixture.t.client.api.thread.start({
      projectId: fixture.project.id,
      title: 'On develop',
      base: 'develop',
    });
    const onDevelop = await fixture.t.waitForStatus(started.id, 'ready');
    await fixture.t.client.api.thread.archive({ threadId: archived!.id });
    const projectId = fixture.project.id;

    const mixed = await rpcFailure(
      fixture.t.client.api.conflicts.simulate({ projectId, order: [onMain!.id, onDevelop.id] }),
    );
    expect(mixed.kind).toBe('INVALID_STATE');
    expect(mixed.message).toContain('develop');
    const unknown = await rpcFailure(
      fixture.t.client.api.conflicts.simulate({ projectId, order: ['no-such-thread'] }),
    );
    expect(unknown.kind).toBe('NOT_FOUND');
    const gone = await rpcFailure(
      fixture.t.client.api.conflicts.simulate({ projectId, order: [archived!.id] }),
    );
    expect(gone.kind).toBe('INVALID_STATE');
    expect(gone.message).toContain('archived');
    const twice = await rpcFailure(
      fixture.t.client.api.conflicts.simulate({ projectId, order: [onMain!.id, onMain!.id] }),
    );
    expect(twice.kind).toBe('INVALID_STATE');

    // Without an order: the default base's threads only.
    const simulation = await fixture.t.client.api.conflicts.simulate({ projectId });
    expect(simulation.steps.map((step) => step.threadId)).toEqual([onMain!.id]);
    const matrix = await fixture.waitForMatrix((m) => m.threads.length === 2);
    expect(matrix.bases).toEqual({ main: fixture.repo.head('main'), develop: fixture.repo.head('develop') });
    expect(git(onDevelop.worktreePath, ['status', '--porcelain'])).toBe('');
  });
});
