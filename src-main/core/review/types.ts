import type { DiffRange, DiffSummary, FileDiff, Turn } from '../../../src-shared/contract';
import type { Publisher, Subscriber } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { ThreadService, TrashRows } from '../threads';
import type { LineCountCache } from './line-counts';
import type { SizeCache } from './object-sizes';

/** What the review needs of the agent service: turns (for their snapshots) and commit messages. */
export interface ReviewAgent {
  transcript(threadId: string): { turns: Turn[] };
  /** A commit message for this diff from the thread's model; null when it has none to offer. */
  proposeCommitMessage(threadId: string, diffText: string): Promise<string | null>;
}

export interface ReviewServiceDeps {
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
  agents: ReviewAgent;
  trashRows: TrashRows;
}

/** What the service's parts share: the dependencies, and what is remembered between calls. */
export interface ReviewContext extends ReviewServiceDeps {
  lineCounts: LineCountCache;
  sizes: SizeCache;
}

export interface FileDiffRequest {
  threadId: string;
  from: string;
  to: string;
  path: string;
  oldPath?: string | null;
  full?: boolean;
}

export interface ReviewService {
  files(threadId: string, range: DiffRange): Promise<DiffSummary>;
  fileDiff(request: FileDiffRequest): Promise<FileDiff>;
  /** Both return the trash ref holding uncommitted work the revert replaced, or null when there was none. */
  revertFile(threadId: string, path: string): Promise<{ trashRef: string | null }>;
  revertHunk(input: { threadId: string; path: string; header: string; to: string }): Promise<{
    trashRef: string | null;
  }>;
  commit(input: { threadId: string; message: string; amend?: boolean; paths?: string[] }): Promise<{
    commit: string;
  }>;
  proposeMessage(threadId: string): Promise<{ message: string; source: 'agent' | 'summary' }>;
  /** `review/changed` is sent for the thread while at least one subscriber watches it. */
  watch(threadId: string, subscriber: Subscriber): Promise<void>;
  unwatch(threadId: string, subscriberId: string): Promise<void>;
  /**
   * The thread was archived or deleted: its watcher closes and its review ref goes (turn
   * snapshots are kept elsewhere, so a turn's diff stays readable).
   */
  threadGone(threadId: string): Promise<void>;
  /** Threads with a live watcher (tests, diagnostics). */
  watchedThreads(): string[];
  dispose(): Promise<void>;
}
