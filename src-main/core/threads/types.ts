import type { ReconcileAction, Thread, ThreadBackend, TrashEntry } from '../../../src-shared/contract';
import type { MissingWatcher, MissingWatcherOptions } from './watch-missing';

export interface ThreadService {
  start(input: { projectId: string; title: string; base?: string; backend?: ThreadBackend }): Promise<Thread>;
  list(filter: { projectId?: string; includeArchived?: boolean }): Thread[];
  get(threadId: string): Thread;
  rename(threadId: string, title: string): Thread;
  archive(threadId: string): Promise<Thread>;
  unarchive(threadId: string): Promise<Thread>;
  delete(threadId: string, options: { force?: boolean }): Promise<TrashEntry[]>;
  trash(projectId: string): TrashEntry[];
  /** Starts a new thread holding a trash entry's work (committed, and uncommitted as changes); the entry stays. */
  restore(entryId: string, title?: string): Promise<Thread>;
  /** Compares database, `git worktree list --porcelain` and the disk; repairs what it can and reports all. */
  reconcile(): Promise<ReconcileAction[]>;
  /**
   * Starts looking, while the host runs, for repositories and worktree folders deleted (or put back)
   * under it; stopped by `dispose` of the watcher or of this service.
   */
  watchMissing(options: Omit<MissingWatcherOptions, 'isChanging'>): MissingWatcher;
  /** Number of live (not archived, not deleted) threads of a project. */
  countLive(projectId: string): number;
  /** Resolves once no worktree creation (thread or pool) is in flight or queued: for tests and benchmarks. */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}
