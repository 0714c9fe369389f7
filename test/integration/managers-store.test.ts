import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManagerRows, notRunGate } from '../../src-main/core/managers/manager-rows';
import { openDatabase } from '../../src-main/core/store';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('store migration 013 (managers)', () => {
  it('keeps managers and workers, and settles what a restart cut off', () => {
    const db = openDatabase(join(dirs.make('skein-managers-store-'), 'skein.db'));
    try {
      db.prepare(
        `INSERT INTO projects (id, path, name, default_base, created_at) VALUES ('p1', '/repo', 'repo', 'main', 1)`,
      ).run();
      for (const id of ['m1', 'w1', 'w2']) {
        db.prepare(
          `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
           VALUES (?, 'p1', ?, ?, ?, 'main', 'abc', '/wt', 'ready', 1, 1)`,
        ).run(id, id, id, `skein/${id}`);
      }
      const rows = createManagerRows(db);
      rows.insertManager({
        threadId: 'm1',
        projectId: 'p1',
        workerBackend: 'codex',
        gate: { ...notRunGate(1), status: 'running' },
        doneSummary: null,
        createdAt: 1,
      });
      const worker = {
        managerThreadId: 'm1',
        task: 'task',
        backend: 'builtin' as const,
        summary: null,
        createdAt: 1,
        updatedAt: 1,
      };
      rows.insertWorker({ ...worker, threadId: 'w1', state: 'working' });
      rows.insertWorker({ ...worker, threadId: 'w2', state: 'handed_back', summary: 'done', createdAt: 2 });
      expect(() => rows.insertWorker({ ...worker, threadId: 'nope', state: 'idle' })).toThrow(/FOREIGN KEY/);
      expect(() => rows.insertWorker({ ...worker, threadId: 'm1', state: 'lost' as never })).toThrow(/CHECK/);

      rows.recover(5);
      expect(rows.workersOf('m1').map((entry) => [entry.threadId, entry.state, entry.summary])).toEqual([
        ['w1', 'idle', null],
        ['w2', 'handed_back', 'done'],
      ]);
      expect(rows.manager('m1')?.gate).toEqual(notRunGate(5));
      expect(rows.manager('m1')?.workerBackend).toBe('codex');
      expect(rows.managersOf('p1').map((entry) => entry.threadId)).toEqual(['m1']);
      expect(rows.worker('w2')?.managerThreadId).toBe('m1');
    } finally {
      db.close();
    }
  });
});
