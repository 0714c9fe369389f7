import { afterEach, describe, expect, it } from 'vitest';
import type { ConflictMatrix, NotificationName, NotificationParams } from '../../src-shared/contract';
import { createConflictService, type ConflictService } from '../../src-main/core/conflicts';
import type { GitQueue } from '../../src-main/core/git';
import { TempDirs } from '../support/git-repo';
import { linesWith, startRadarFixture, type RadarFixture } from '../support/conflict-fixtures';
import { writeIn } from '../support/review-thread';

const dirs = new TempDirs();
let fixture: RadarFixture | null = null;
let service: ConflictService | null = null;

afterEach(async () => {
  await service?.dispose();
  service = null;
  await fixture?.close();
  fixture = null;
  dirs.cleanup();
});

/**
 * The host's queue, counting the git commands that go through it by their first argument, and the
 * merges merge-tree computes (one per call, or one per input line with `--stdin`) as `merges`.
 */
function countingGit(inner: GitQueue): { git: GitQueue; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const add = (name: string, count: number) => counts.set(name, (counts.get(name) ?? 0) + count);
  const git: GitQueue = {
    run(args, options) {
      add(args[0] ?? '', 1);
      if (args[0] === 'merge-tree') {
        const input = typeof options.input === 'string' ? options.input : '';
        add('merges', args.includes('--stdin') ? input.split('\n').filter(Boolean).length : 1);
      }
      return inner.run(args, options);
    },
    get pending() {
      return inner.pending;
    },
    dispose: () => inner.dispose(),
  };
  return { git, counts };
}

describe('conflict radar cache', () => {
  it('recomputes only the pairs of the thread that changed, and nothing for an unchanged one', async () => {
    fixture = await startRadarFixture(dirs, ['A', 'B', 'C'], {
      files: { 'shared.txt': linesWith(30), 'c.txt': 'c\n' },
    });
    const [a, b, c] = fixture.threads;
    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 5: 'A' }));
    writeIn(b!.worktreePath, 'shared.txt', linesWith(30, { 5: 'B' }));
    writeIn(c!.worktreePath, 'c.txt', 'c first\n');
    const { git, counts } = countingGit(fixture.t.host.services.git);
    const published: ConflictMatrix[] = [];
    const publisher = {
      publish<N extends NotificationName>(name: N, params: NotificationParams<N>) {
        if (name === 'conflicts/updated') published.push(params as ConflictMatrix);
      },
    };
    const { threads, projects } = fixture.t.host.services;
    service = createConflictService({ git, publisher, threads, projects, watch: false });
    const projectId = fixture.project.id;

    const cold = await service.settled(projectId);
    expect(cold.computing).toBe(false);
    expect(cold.pairs.map((pair) => pair.status)).not.toContain('pending');
    // 3 pairs + 3 threads against the base, one merge each, in batches (fewer processes).
    expect(counts.get('merges')).toBe(6);
    expect(counts.get('merge-tree')).toBeLessThanOrEqual(3);
    expect(published.at(-1)?.computing).toBe(false);

    await service.refresh(projectId, a!.id);
    await service.refresh(projectId);
    expect((await service.settled(projectId)).pairs).toEqual(cold.pairs);
    expect(counts.get('merges')).toBe(6);

    writeIn(c!.worktreePath, 'c.txt', 'c second\n');
    await service.refresh(projectId, c!.id);
    const warm = await service.settled(projectId);
    // C against A, B and the base.
    expect(counts.get('merges')).toBe(9);
    expect(warm.threads.find((thread) => thread.threadId === c!.id)?.touched).toEqual(['c.txt']);

    // Back to where it was: the old snapshot id comes back, and with it the cached cells.
    writeIn(c!.worktreePath, 'c.txt', 'c first\n');
    await service.refresh(projectId, c!.id);
    const back = await service.settled(projectId);
    expect(back.threads.find((thread) => thread.threadId === c!.id)?.snapshot).toBe(
      cold.threads.find((thread) => thread.threadId === c!.id)?.snapshot,
    );
    expect(counts.get('merges')).toBe(9);
  });

  it('cancels merges of a snapshot that moved on before they finished', async () => {
    fixture = await startRadarFixture(dirs, ['A', 'B'], { files: { 'shared.txt': linesWith(30) } });
    const [a, b] = fixture.threads;
    writeIn(b!.worktreePath, 'shared.txt', linesWith(30, { 5: 'B' }));
    // Holds merge-tree calls at a gate (real git runs once the gate opens) and keeps their signals.
    const held: AbortSignal[] = [];
    let open: () => void = () => undefined;
    let gate: Promise<void> | null = null;
    const inner = fixture.t.host.services.git;
    const git: GitQueue = {
      async run(args, options) {
        if (args[0] === 'merge-tree' && gate && options.signal) {
          held.push(options.signal);
          await gate;
        }
        return inner.run(args, options);
      },
      get pending() {
        return inner.pending;
      },
      dispose: () => inner.dispose(),
    };
    const publisher = { publish: () => undefined };
    const { threads, projects } = fixture.t.host.services;
    service = createConflictService({ git, publisher, threads, projects, watch: false });
    const projectId = fixture.project.id;
    await service.settled(projectId);

    gate = new Promise((resolve) => (open = resolve));
    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 5: 'A first' }));
    await service.refresh(projectId, a!.id);
    expect(held).toHaveLength(1);
    writeIn(a!.worktreePath, 'shared.txt', linesWith(30, { 20: 'A second' }));
    await service.refresh(projectId, a!.id);
    expect(held).toHaveLength(2);
    expect(held[0]?.aborted).toBe(true);
    expect(held[1]?.aborted).toBe(false);
    open();
    const matrix = await service.settled(projectId);
    const cell = matrix.pairs.find((pair) => pair.b !== null);
    expect(cell).toMatchObject({ status: 'overlap', overlaps: ['shared.txt'] });
    expect(cell?.fromA === matrix.threads[0]?.snapshot || cell?.fromB === matrix.threads[0]?.snapshot).toBe(
      true,
    );
  });
});
