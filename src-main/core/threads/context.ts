import type { Thread } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { SqliteDatabase } from '../store';
import type { TerminalService } from '../terminals';
import type { PoolRows } from './pool-rows';
import type { ThreadPatch, ThreadRows } from './thread-rows';
import type { TrashRows } from './trash-rows';

export interface ThreadServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  projects: ProjectService;
  terminals: TerminalService;
  dataDir: string;
}

/** What the thread service's parts share. */
export interface ThreadContext extends ThreadServiceDeps {
  rows: ThreadRows;
  trashRows: TrashRows;
  poolRows: PoolRows;
  /** Writes a change to a live thread and tells every client; null if the thread is gone. */
  update(threadId: string, patch: ThreadPatch): Thread | null;
  /** Registers background work on a thread (cold worktree creation) that dispose and later operations wait for. */
  track(threadId: string, work: Promise<void>): void;
  /** Resolves once the thread's tracked background work has finished. */
  settled(threadId: string): Promise<void>;
  /** After dispose, late background work (a setup command ending) must not touch the closed database. */
  readonly disposed: boolean;
}
