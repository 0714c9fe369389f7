import { describe, expect, test } from 'vitest';
import type { Gate, Manager, Thread, Worker } from '../../src-shared/contract';
import { showSideBySide } from '../../src-renderer/features/layout/pane-layout';
import {
  describeGate,
  describeWorkerState,
  summarizeWorkers,
} from '../../src-renderer/features/managers/manager-labels';
import { managerFor, managerOfWorker, nestWorkers } from '../../src-renderer/features/managers/manager-tree';

function thread(id: string): Thread {
  return {
    id,
    projectId: 'p',
    title: id,
    slug: id,
    branch: `skein/${id}`,
    base: 'main',
    baseCommit: 'c0',
    worktreePath: `/wt/${id}`,
    backend: 'builtin',
    status: 'ready',
    statusDetail: null,
    createdAt: 1,
    updatedAt: 1,
    archivedAt: null,
  };
}

function worker(threadId: string, managerThreadId: string, state: Worker['state'] = 'working'): Worker {
  return {
    threadId,
    managerThreadId,
    task: 't',
    backend: 'builtin',
    state,
    summary: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

const gate: Gate = {
  status: 'not_run',
  scratchCommit: null,
  mergedThreadIds: [],
  conflicts: [],
  check: null,
  waivedReason: null,
  updatedAt: 1,
};

function manager(threadId: string, workers: Worker[]): Manager {
  return { threadId, projectId: 'p', workers, gate, doneSummary: null };
}

describe('the sidebar tree of managers and workers', () => {
  const threads = ['w2', 'm', 'solo', 'w1', 'orphan'].map(thread);
  const managers = {
    m: manager('m', [worker('w1', 'm'), worker('w2', 'm', 'handed_back')]),
    gone: manager('gone', [worker('orphan', 'gone')]),
  };

  test('workers nest under their manager in the manager’s order; other threads keep their place', () => {
    const rows = nestWorkers(threads, managers);
    expect(rows.map((r) => r.thread.id)).toEqual(['m', 'solo', 'orphan']);
    expect(rows[0]?.workers.map((w) => [w.thread.id, w.worker.state])).toEqual([
      ['w1', 'working'],
      ['w2', 'handed_back'],
    ]);
    expect(rows[1]?.workers).toEqual([]);
  });

  test('a worker whose manager is not listed (archived) stays visible at the top level', () => {
    const rows = nestWorkers(threads, managers);
    expect(rows.find((r) => r.thread.id === 'orphan')?.workers).toEqual([]);
  });

  test('no managers: the threads come back flat and in order', () => {
    expect(nestWorkers(threads, {}).map((r) => r.thread.id)).toEqual(['w2', 'm', 'solo', 'w1', 'orphan']);
  });

  test('a worker finds its manager; a manager finds itself', () => {
    expect(managerOfWorker(managers, 'w2')?.threadId).toBe('m');
    expect(managerFor(managers, 'm')?.threadId).toBe('m');
    expect(managerFor(managers, 'w1')?.threadId).toBe('m');
    expect(managerFor(managers, 'solo')).toBeUndefined();
  });
});

describe('manager labels', () => {
  test('worker states and a count by state', () => {
    expect(describeWorkerState('handed_back')).toEqual({ label: 'Handed back', tone: 'ok' });
    expect(summarizeWorkers(manager('m', []))).toBe('No workers yet');
    expect(
      summarizeWorkers(manager('m', [worker('a', 'm'), worker('b', 'm', 'handed_back'), worker('c', 'm')])),
    ).toBe('3 workers: 2 working, 1 handed back');
  });

  test('the gate names its conflicts and a waiver', () => {
    expect(describeGate({ ...gate, status: 'conflict', conflicts: ['a.ts', 'b.ts'] })).toEqual({
      label: 'Gate: 2 conflicts',
      tone: 'bad',
    });
    expect(describeGate({ ...gate, status: 'waived' }).label).toBe('Gate waived');
    expect(describeGate({ ...gate, status: 'passed' }).tone).toBe('ok');
  });
});

describe('showing workers side by side', () => {
  test('replaces the panes with the workers, at most four, without repeats', () => {
    const layout = { panes: ['x', 'y'], focused: 1 };
    expect(showSideBySide(layout, ['a', 'b', 'a', 'c', 'd', 'e'])).toEqual({
      panes: ['a', 'b', 'c', 'd'],
      focused: 0,
    });
    expect(showSideBySide(layout, [])).toBe(layout);
  });
});
