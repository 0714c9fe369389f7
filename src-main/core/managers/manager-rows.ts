import {
  gateSchema,
  threadBackendSchema,
  workerStateSchema,
  type Gate,
  type ThreadBackend,
  type Worker,
  type WorkerState,
} from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

/** A manager as stored: the contract's shape minus the workers (read separately). */
export interface ManagerRow {
  threadId: string;
  projectId: string;
  workerBackend: ThreadBackend | null;
  gate: Gate;
  doneSummary: string | null;
  createdAt: number;
}

interface ManagerRecord {
  thread_id: string;
  project_id: string;
  worker_backend: string | null;
  gate_json: string;
  done_summary: string | null;
  created_at: number;
}

interface WorkerRecord {
  thread_id: string;
  manager_thread_id: string;
  task: string;
  backend: string;
  state: string;
  summary: string | null;
  created_at: number;
  updated_at: number;
}

export function notRunGate(now: number): Gate {
  return {
    status: 'not_run',
    scratchCommit: null,
    mergedThreadIds: [],
    conflicts: [],
    check: null,
    waivedReason: null,
    updatedAt: now,
  };
}

function toManager(record: ManagerRecord): ManagerRow {
  return {
    threadId: record.thread_id,
    projectId: record.project_id,
    workerBackend: record.worker_backend === null ? null : threadBackendSchema.parse(record.worker_backend),
    gate: gateSchema.parse(JSON.parse(record.gate_json)),
    doneSummary: record.done_summary,
    createdAt: record.created_at,
  };
}

function toWorker(record: WorkerRecord): Worker {
  return {
    threadId: record.thread_id,
    managerThreadId: record.manager_thread_id,
    task: record.task,
    backend: threadBackendSchema.parse(record.backend),
    state: workerStateSchema.parse(record.state),
    summary: record.summary,
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

export interface ManagerRows {
  insertManager(row: ManagerRow): void;
  manager(threadId: string): ManagerRow | null;
  managersOf(projectId: string): ManagerRow[];
  setGate(threadId: string, gate: Gate): void;
  setDone(threadId: string, summary: string): void;
  insertWorker(worker: Worker): void;
  worker(threadId: string): Worker | null;
  workersOf(managerThreadId: string): Worker[];
  setWorkerState(threadId: string, state: WorkerState, summary: string | null, now: number): void;
  /**
   * After a restart no turn runs and no gate check is running: workers left `working` are idle, and
   * gates left `running` are back to their state before (not run).
   */
  recover(now: number): void;
}

/** The `managers` and `manager_workers` tables (migration 013). */
export function createManagerRows(db: SqliteDatabase): ManagerRows {
  const insertManager = db.prepare(
    `INSERT INTO managers (thread_id, project_id, worker_backend, gate_json, done_summary, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selectManager = db.prepare('SELECT * FROM managers WHERE thread_id = ?');
  const selectManagers = db.prepare('SELECT * FROM managers WHERE project_id = ? ORDER BY created_at');
  const updateGate = db.prepare('UPDATE managers SET gate_json = ? WHERE thread_id = ?');
  const updateDone = db.prepare('UPDATE managers SET done_summary = ? WHERE thread_id = ?');
  const insertWorker = db.prepare(
    `INSERT INTO manager_workers
       (thread_id, manager_thread_id, task, backend, state, summary, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectWorker = db.prepare('SELECT * FROM manager_workers WHERE thread_id = ?');
  const selectWorkers = db.prepare(
    'SELECT * FROM manager_workers WHERE manager_thread_id = ? ORDER BY created_at, rowid',
  );
  const updateWorker = db.prepare(
    'UPDATE manager_workers SET state = ?, summary = ?, updated_at = ? WHERE thread_id = ?',
  );

  const settleWorkers = db.prepare(
    "UPDATE manager_workers SET state = 'idle', updated_at = ? WHERE state = 'working'",
  );
  const runningGates = db.prepare(
    "SELECT thread_id FROM managers WHERE json_extract(gate_json, '$.status') = 'running'",
  );

  return {
    recover(now) {
      settleWorkers.run(now);
      for (const { thread_id: threadId } of runningGates.all() as { thread_id: string }[]) {
        updateGate.run(JSON.stringify(notRunGate(now)), threadId);
      }
    },
    insertManager(row) {
      insertManager.run(
        row.threadId,
        row.projectId,
        row.workerBackend,
        JSON.stringify(row.gate),
        row.doneSummary,
        row.createdAt,
      );
    },
    manager(threadId) {
      const record = selectManager.get(threadId) as ManagerRecord | undefined;
      return record ? toManager(record) : null;
    },
    managersOf(projectId) {
      return (selectManagers.all(projectId) as ManagerRecord[]).map(toManager);
    },
    setGate(threadId, gate) {
      updateGate.run(JSON.stringify(gate), threadId);
    },
    setDone(threadId, summary) {
      updateDone.run(summary, threadId);
    },
    insertWorker(worker) {
      insertWorker.run(
        worker.threadId,
        worker.managerThreadId,
        worker.task,
        worker.backend,
        worker.state,
        worker.summary,
        worker.createdAt,
        worker.updatedAt,
      );
    },
    worker(threadId) {
      const record = selectWorker.get(threadId) as WorkerRecord | undefined;
      return record ? toWorker(record) : null;
    },
    workersOf(managerThreadId) {
      return (selectWorkers.all(managerThreadId) as WorkerRecord[]).map(toWorker);
    },
    setWorkerState(threadId, state, summary, now) {
      updateWorker.run(state, summary, now, threadId);
    },
  };
}
