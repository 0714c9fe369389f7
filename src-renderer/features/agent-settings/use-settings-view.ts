import { useEffect, useState } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

/** A fresh read of the settings layers for a dialog (another window may have changed them). */
export function useSettingsView(threadId?: string): {
  view: AgentSettingsView | null;
  error: string | null;
  setView: (view: AgentSettingsView) => void;
} {
  const client = useSession((s) => s.client);
  const [view, setView] = useState<AgentSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.agent.getSettings(threadId ? { threadId } : {}).then(
      (result) => {
        if (!cancelled) setView(result);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, threadId]);
  return { view, error, setView };
}
