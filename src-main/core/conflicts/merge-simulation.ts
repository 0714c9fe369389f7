import type { Simulation, SimulationStep } from '../../../src-shared/contract';
import { commitTree, isGitAbortError, mergeTree, SNAPSHOT_IDENTITY, type GitQueue } from '../git';
import { RADAR_SNAPSHOT_DATE } from './limits';
import { errorText } from '../error-text';

export interface SimulatedThread {
  threadId: string;
  branch: string;
  /** The radar snapshot of the thread (its worktree as it is, uncommitted work included). */
  snapshot: string;
}

/** Simulated merge commits are throwaway objects with a fixed identity and date (nothing points at them). */
const SIMULATION_ENV = {
  ...SNAPSHOT_IDENTITY,
  GIT_AUTHOR_DATE: RADAR_SNAPSHOT_DATE,
  GIT_COMMITTER_DATE: RADAR_SNAPSHOT_DATE,
};

/**
 * Merges the threads one after another onto the base, each clean step's merge commit becoming the
 * tip the next merges onto; a step that conflicts (or fails) is reported and left out of the chain.
 * Only merge-tree and commit-tree run: no ref, index or file moves.
 */
export async function simulateMerges(
  git: GitQueue,
  cwd: string,
  input: { projectId: string; base: string; baseCommit: string; threads: SimulatedThread[] },
): Promise<Simulation> {
  let tip = input.baseCommit;
  const steps: SimulationStep[] = [];
  for (const thread of input.threads) {
    try {
      const merged = await mergeTree(git, cwd, tip, thread.snapshot);
      if (merged.conflicts.length > 0) {
        steps.push({
          threadId: thread.threadId,
          outcome: 'conflict',
          conflicts: merged.conflicts,
          commit: null,
          error: null,
        });
        continue;
      }
      tip = await commitTree(git, cwd, {
        tree: merged.tree,
        parents: [tip, thread.snapshot],
        message: `Simulated merge of ${thread.branch} into ${input.base}`,
        env: SIMULATION_ENV,
      });
      steps.push({ threadId: thread.threadId, outcome: 'merged', conflicts: [], commit: tip, error: null });
    } catch (error) {
      if (isGitAbortError(error)) throw error;
      steps.push({
        threadId: thread.threadId,
        outcome: 'error',
        conflicts: [],
        commit: null,
        error: errorText(error),
      });
    }
  }
  const broke = steps.find((step) => step.outcome !== 'merged');
  return {
    projectId: input.projectId,
    base: input.base,
    baseCommit: input.baseCommit,
    steps,
    brokeAt: broke?.threadId ?? null,
  };
}
