import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

/** Models the configured providers offer (a local Ollama's included), and why any could not be listed. */
export function useModels(target: { threadId?: string }): { models: ModelInfo[]; errors: string[] } {
  const client = useSession((s) => s.client);
  const [result, setResult] = useState<{ models: ModelInfo[]; errors: string[] }>({ models: [], errors: [] });
  const threadId = target.threadId;
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.agent.models(threadId ? { threadId } : {}).then(
      ({ models, errors }) => {
        if (!cancelled) setResult({ models, errors: errors.map((e) => `${e.provider}: ${e.message}`) });
      },
      (error: unknown) => {
        if (!cancelled)
          setResult({ models: [], errors: [error instanceof Error ? error.message : String(error)] });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, threadId]);
  return result;
}
