import { useEffect } from 'react';
import { useSession } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { useConversation } from './conversation-slice';
import { beginTranscriptFetch, isFetchingTranscript } from './transcript-events';

/**
 * The transcript of a thread shown in a pane: fetched once per connection (notifications that
 * arrive meanwhile are kept and folded on top), then kept current by notifications. Returns whether
 * it is loaded, not the transcript itself, so the caller does not re-render on every delta.
 */
export function useThreadTranscript(threadId: string): boolean {
  const client = useSession((s) => s.client);
  const missing = useConversation((s) => s.byThread[threadId] === undefined);

  useEffect(() => {
    if (!client || !missing || isFetchingTranscript(threadId)) return;
    const fetch = beginTranscriptFetch(threadId);
    client.api.thread.items({ threadId }).then(
      ({ turns, items }) => {
        // A reconnect while this was in flight has its own fetch; this client's answer is stale.
        if (useSession.getState().client !== client) return fetch.cancel();
        fetch.done((since) => useConversation.getState().loaded(threadId, turns, items, since));
      },
      (error: unknown) => {
        fetch.cancel();
        if (useSession.getState().client === client) reportError(error);
      },
    );
  }, [client, missing, threadId]);

  return !missing;
}
