import { useCallback, useEffect, useState } from 'react';
import type { CliAgentPresetInfo, CliAgentTemplateInfo } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { useCliAgents } from './cli-agents-slice';

export interface CliAgentChoices {
  presets: CliAgentPresetInfo[];
  templates: CliAgentTemplateInfo[];
}

/**
 * The presets and saved templates with their detection; again when templates change anywhere, and
 * on `refresh()` with a fresh look at the login shell's PATH (after installing one).
 */
export function useCliAgentChoices(): {
  choices: CliAgentChoices | null;
  error: string | null;
  refreshing: boolean;
  refresh: () => void;
} {
  const client = useSession((s) => s.client);
  const version = useCliAgents((s) => s.templatesVersion);
  const [choices, setChoices] = useState<CliAgentChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rescan, setRescan] = useState(0);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    const refresh = rescan > 0;
    client.api.cliAgents.presets(refresh ? { refresh: true } : {}).then(
      (result) => {
        if (cancelled) return;
        setChoices(result);
        setError(null);
        setRefreshing(false);
      },
      (caught: unknown) => {
        if (cancelled) return;
        setError(caught instanceof Error ? caught.message : String(caught));
        setRefreshing(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, version, rescan]);

  const refresh = useCallback(() => {
    setRefreshing(true);
    setRescan((n) => n + 1);
  }, []);
  return { choices, error, refreshing, refresh };
}
