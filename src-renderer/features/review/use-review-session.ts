import { useEffect, useRef } from 'react';
import type { RpcClient } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { createCoalescedRunner, type CoalescedRunner } from './coalesced-runner';
import { buildFileTree, filesInTreeOrder } from './file-tree';
import { reviewOf, useReview } from './review-slice';
import { rangeValue } from './turn-choices';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fetchSummary(client: RpcClient, threadId: string): Promise<void> {
  const store = useReview.getState();
  const range = reviewOf(store.byThread, threadId).range;
  store.update(threadId, { loading: true });
  const summary = await client.api.review.files({ threadId, range });
  const current = reviewOf(useReview.getState().byThread, threadId);
  // The person picked another range meanwhile; its own fetch is queued behind this one.
  if (rangeValue(current.range) !== rangeValue(range)) return;
  const paths = new Set(summary.files.map((f) => f.path));
  const keep = current.selectedPath !== null && paths.has(current.selectedPath);
  const first = keep ? null : (filesInTreeOrder(buildFileTree(summary.files))[0]?.path ?? null);
  useReview.getState().update(threadId, {
    summary,
    summaryError: null,
    loading: false,
    selectedPath: keep ? current.selectedPath : first,
  });
}

/**
 * Keeps one thread's review current while it is on screen: asks the host to watch the worktree,
 * re-fetches the file list on `review/changed` (coalesced) and on a range change, and keeps the
 * comments from `review/comments`. Returns a function that re-fetches now.
 */
export function useReviewSession(threadId: string): () => void {
  const client = useSession((s) => s.client);
  const rangeKey = useReview((s) => rangeValue(reviewOf(s.byThread, threadId).range));
  const runner = useRef<CoalescedRunner | null>(null);

  useEffect(() => {
    if (!client) return;
    const summaryRunner = createCoalescedRunner(
      () => fetchSummary(client, threadId),
      (error) => useReview.getState().update(threadId, { summaryError: messageOf(error), loading: false }),
    );
    runner.current = summaryRunner;
    const offChanged = client.on('review/changed', (params) => {
      if (params.threadId === threadId) summaryRunner.run();
    });
    const offComments = client.on('review/comments', (params) => {
      if (params.threadId === threadId) useReview.getState().update(threadId, { comments: params.comments });
    });
    client.api.review.watch({ threadId }).catch(reportError);
    client.api.review.comments({ threadId }).then(
      ({ comments }) => useReview.getState().update(threadId, { comments }),
      (error: unknown) => {
        if (useSession.getState().client === client) reportError(error);
      },
    );
    return () => {
      summaryRunner.dispose();
      if (runner.current === summaryRunner) runner.current = null;
      offChanged();
      offComments();
      // A closed connection has nothing left to unwatch; the host drops its watches with it.
      if (useSession.getState().client === client) client.api.review.unwatch({ threadId }).catch(() => {});
    };
  }, [client, threadId]);

  useEffect(() => {
    runner.current?.run();
  }, [client, threadId, rangeKey]);

  return () => runner.current?.run();
}
