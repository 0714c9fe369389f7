import { useEffect } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { useAgentSettings } from './agent-settings-slice';

/**
 * A thread's agent settings, fetched once per connection and again after a wider layer changes.
 * Failures are left quiet here: the bar falls back to "Agent settings" and the dialog says why.
 */
export function useThreadAgentSettings(threadId: string): AgentSettingsView | undefined {
  const client = useSession((s) => s.client);
  const view = useAgentSettings((s) => s.byThread[threadId]);
  const generation = useAgentSettings((s) => s.generation);
  const missing = view === undefined;

  useEffect(() => {
    if (!client || !missing) return;
    let cancelled = false;
    client.api.agent.getSettings({ threadId }).then(
      (result) => {
        if (!cancelled) useAgentSettings.getState().setForThread(threadId, result);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, missing, threadId, generation]);

  return view;
}
