import { useEffect } from 'react';
import { useSession } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { useReviewAgent } from './review-agent-slice';

/** Keeps a thread's review runs current while its review is on screen. */
export function useReviewAgentRuns(threadId: string): void {
  const client = useSession((s) => s.client);
  useEffect(() => {
    if (!client) return;
    const off = client.on('reviewAgent/updated', ({ run }) => {
      if (run.threadId === threadId) useReviewAgent.getState().upsert(run);
    });
    client.api.reviewAgent.runs({ threadId }).then(
      ({ runs }) => useReviewAgent.getState().setRuns(threadId, runs),
      (error: unknown) => {
        if (useSession.getState().client === client) reportError(error);
      },
    );
    return off;
  }, [client, threadId]);
}
