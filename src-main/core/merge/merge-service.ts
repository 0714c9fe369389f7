import type { MergePreview, MergeResult, PublishInfo, PublishResult } from '../../../src-shared/contract';
import { createGhRunner } from './gh-cli';
import { createMergeContext, type MergeServiceDeps } from './merge-context';
import { previewMerge } from './merge-preview';
import { mergeThread, type MergeInput } from './merge-thread';
import { publishThread, readPublishInfo, type PublishInput } from './publish-thread';

export interface MergeService {
  /** What merging the thread into its base would do; writes nothing but merge-tree's objects. */
  preview(threadId: string): Promise<MergePreview>;
  /** Merges (merge commit, squash or rebase) into the base by compare-and-swap, or refuses having changed nothing. */
  merge(input: MergeInput): Promise<MergeResult>;
  publishInfo(threadId: string): Promise<PublishInfo>;
  /** Pushes the thread's branch, and opens a pull request through gh when asked and possible. */
  publish(input: PublishInput): Promise<PublishResult>;
  /** Stops gh processes still running. */
  dispose(): void;
}

export function createMergeService(deps: MergeServiceDeps): MergeService {
  const context = createMergeContext(deps);
  const gh = createGhRunner();
  return {
    preview: (threadId) => previewMerge(context, threadId),
    merge: (input) => mergeThread(context, input),
    publishInfo: (threadId) => readPublishInfo(context, gh, threadId),
    publish: (input) => publishThread(context, gh, input),
    dispose: () => gh.dispose(),
  };
}
