import type { Item } from '../../../src-shared/contract';
import type { Publisher } from '../events';
import { gitEnvironment, type GitQueue } from '../git';
import { oneAtATimePerKey } from '../one-at-a-time';
import type { ProjectService } from '../projects';
import type { ThreadService } from '../threads';

export interface MergeServiceDeps {
  git: GitQueue;
  publisher: Publisher;
  projects: ProjectService;
  threads: ThreadService;
  /** The thread's transcript (the agent service's), for a pull request's body. */
  transcript(threadId: string): { items: Item[] };
  /**
   * The environment merge and publish run in: where git finds the user's identity and config
   * (GIT_CONFIG_GLOBAL, GIT_AUTHOR_NAME…), credentials helpers and `gh` (PATH). process.env by default.
   */
  env?: NodeJS.ProcessEnv;
}

/** What the merge service's parts share. */
export interface MergeContext extends MergeServiceDeps {
  env: NodeJS.ProcessEnv;
  /** Extra environment for every git call, so git sees `env` rather than the host's own. */
  gitEnv: Record<string, string>;
  /** Runs `work` after every earlier merge of the project has finished: one base update at a time. */
  exclusive<T>(projectId: string, work: () => Promise<T>): Promise<T>;
  /** Tells every client that the project's threads' reviews (merge-bases, previews) changed. */
  announceBaseMoved(projectId: string): void;
}

export function createMergeContext(deps: MergeServiceDeps): MergeContext {
  const env = deps.env ?? process.env;
  const exclusive = oneAtATimePerKey();
  return {
    ...deps,
    env,
    gitEnv: deps.env ? gitEnvironment(deps.env) : {},
    exclusive,
    announceBaseMoved(projectId) {
      for (const thread of deps.threads.list({ projectId, includeArchived: true })) {
        deps.publisher.publish('review/changed', { threadId: thread.id });
      }
    },
  };
}
