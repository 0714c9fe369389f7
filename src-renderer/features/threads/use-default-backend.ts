import { useEffect, useState } from 'react';
import type { ThreadBackend } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

/**
 * The agent the repository's threads get by default. Without the settings a dialog still offers
 * every agent; "Built-in" is the host's own default.
 */
export function useDefaultBackend(projectId: string): ThreadBackend {
  const client = useSession((s) => s.client);
  const [backend, setBackend] = useState<ThreadBackend>('builtin');
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.agent.getSettings({ projectId }).then(
      (view) => {
        if (!cancelled) setBackend(view.effective.backend);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, projectId]);
  return backend;
}
