import type {
  ConflictMatrix,
  PairDetails,
  Simulation,
  Thread,
  ThreadOverlaps,
} from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { ThreadService } from '../threads';

export interface ConflictServiceDeps {
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get' | 'list'>;
  projects: Pick<ProjectService, 'get' | 'list' | 'subscribe'>;
  /** Watch live threads' worktrees and refs (default true); tests that drive refreshes themselves turn it off. */
  watch?: boolean;
}

export interface ConflictService {
  /** The project's matrix as it stands; starts the project's radar (snapshots, watchers) if it is not running. */
  get(projectId: string): ConflictMatrix;
  /** Re-snapshots every live thread of the project (or one) and resolves once those snapshots are taken; cells may still be computing. */
  refresh(projectId: string, threadId?: string): Promise<ConflictMatrix>;
  /** Resolves with the matrix once nothing is computing (`computing` false), or with what there is after `timeoutMs`. */
  settled(projectId: string, timeoutMs?: number): Promise<ConflictMatrix>;
  /**
   * Resolves once every live thread of the project is watched (a file save reaches the matrix) and
   * the radar is idle again; for tests and benchmarks that measure save-to-notification times.
   */
  watching(projectId: string, timeoutMs?: number): Promise<void>;
  /** Conflicted files with kinds, git's messages and hunks for one cell (`b` null: against the base). */
  pair(a: string, b: string | null): Promise<PairDetails>;
  /** Chains merges onto the threads' common base with merge-tree + commit-tree only (nothing moves). */
  simulate(projectId: string, order?: string[]): Promise<Simulation>;
  /** Re-snapshots the thread, waits for the radar, and says which other live threads touch its files. */
  overlaps(threadId: string): Promise<ThreadOverlaps>;
  /** Starts radars for every project that has live threads (host start, after reconcile). */
  startAll(): void;
  /** Host events: a thread changed (archived, unarchived, ready), was deleted, finished a turn. */
  threadChanged(thread: Thread): void;
  threadRemoved(threadId: string): void;
  turnCompleted(threadId: string): void;
  dispose(): Promise<void>;
}
