import type { RebaseFile, RebaseState, Turn } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import type { ProjectService } from '../projects';
import type { ThreadService, TrashRows } from '../threads';
import type { ResolveInput } from './resolve-file';

/** What rebasing needs of the agent service: a turn of the thread's agent. */
export interface RebaseAgent {
  startTurn(input: { threadId: string; message: string }): Promise<Turn>;
}

export interface RebaseServiceDeps {
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  projects: Pick<ProjectService, 'get'>;
  agents: RebaseAgent;
  trashRows: TrashRows;
  /**
   * The environment git's commits see (where it finds the user's identity and config); the merge
   * service's, so a rebase commits as the same person a merge would. process.env by default.
   */
  env?: NodeJS.ProcessEnv;
}

export interface StartedRebase {
  origHead: string;
  /** Where the uncommitted work was kept; null when there was none. */
  trashRef: string | null;
  /**
   * The index as it was (a tree), when something was staged. Git's autostash brings staged
   * changes back unstaged; abort puts this back so the staging is as it was too.
   */
  indexTree: string | null;
}

/** What the service's parts share. */
export interface RebaseContext extends RebaseServiceDeps {
  env: NodeJS.ProcessEnv;
  /** Extra environment for every git call, so git sees `env` rather than the host's own. */
  gitEnv: Record<string, string>;
  /** The rebases started in this run, by thread: what abort and the state need to know of their start. */
  started: Map<string, StartedRebase>;
}

export interface RebaseService {
  start(threadId: string): Promise<RebaseState>;
  status(threadId: string): Promise<RebaseState>;
  file(threadId: string, path: string): Promise<RebaseFile>;
  resolve(input: ResolveInput): Promise<RebaseState>;
  continue(threadId: string): Promise<RebaseState>;
  abort(threadId: string): Promise<RebaseState>;
  askAgent(threadId: string, note?: string): Promise<{ turnId: string }>;
}
