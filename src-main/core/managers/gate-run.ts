import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Gate, Project, Thread } from '../../../src-shared/contract';
import { addWorktree, removeWorktree, updateRef, type GitQueue } from '../git';
import { createLogger } from '../log';
import { mergeWorkers, workerTip, type WorkerTip } from './gate-merge';

const log = createLogger('managers');

export interface GateRunInput {
  git: GitQueue;
  dataDir: string;
  project: Project;
  manager: Thread;
  /** The workers whose work goes in, in the order they were started. */
  workers: Thread[];
  /** Runs the project's check in a folder (the host's check service: shared slots, no keys). */
  runCheckIn(cwd: string): Promise<CheckResult>;
  signal?: AbortSignal;
}

/** Where the last gate's scratch commit of a manager is kept (so it stays reachable for inspection). */
export function gateRef(managerThreadId: string): string {
  return `refs/skein/gates/${managerThreadId}/latest`;
}

/** Where a gate's scratch worktree lives while its check runs. */
function scratchPath(dataDir: string, managerThreadId: string): string {
  return join(dataDir, 'gates', managerThreadId, randomUUID());
}

/**
 * Runs the gate once: the workers' work merged onto the manager's base commit into one scratch
 * commit (plumbing only: no branch moves), that commit checked out detached in a scratch worktree
 * under the data folder, the project's check run there, the worktree removed afterwards.
 */
export async function runGate(input: GateRunInput): Promise<Gate> {
  const { git, project, manager } = input;
  const gate: Gate = {
    status: 'not_run',
    scratchCommit: null,
    mergedThreadIds: [],
    conflicts: [],
    check: null,
    waivedReason: null,
    updatedAt: Date.now(),
  };
  const command = project.settings.checkCommand?.trim() ?? '';
  const tips: WorkerTip[] = [];
  for (const thread of input.workers) {
    const commit = await workerTip(git, project.path, thread);
    if (commit) tips.push({ thread, commit });
  }
  const merge = await mergeWorkers(git, project.path, manager.baseCommit, tips);
  if (merge.kind === 'conflict') {
    return {
      ...gate,
      status: 'conflict',
      mergedThreadIds: merge.mergedThreadIds,
      conflicts: merge.conflicts,
      updatedAt: Date.now(),
    };
  }
  await updateRef(git, project.path, gateRef(manager.id), merge.commit, undefined, {
    message: 'skein: manager gate',
  });
  const merged = { ...gate, scratchCommit: merge.commit, mergedThreadIds: merge.mergedThreadIds };
  if (command === '') return { ...merged, updatedAt: Date.now() };

  const path = scratchPath(input.dataDir, manager.id);
  await mkdir(join(input.dataDir, 'gates', manager.id), { recursive: true });
  await addWorktree(git, project.path, { path, commitish: merge.commit, detach: true, signal: input.signal });
  try {
    const check = await input.runCheckIn(path);
    return {
      ...merged,
      status: check.status === 'passed' ? 'passed' : 'failed',
      check,
      updatedAt: Date.now(),
    };
  } finally {
    await removeWorktree(git, project.path, path).catch((error: unknown) =>
      log.warn(`Could not remove the gate's scratch worktree ${path}`, error),
    );
  }
}
