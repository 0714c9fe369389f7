import { useCallback } from 'react';
import { useThreads } from '../threads/threads-slice';
import type { TitleOf } from './conflict-labels';

/** Thread titles by id, from the threads store; a thread the store no longer holds is named by its id. */
export function useTitleOf(): TitleOf {
  const byId = useThreads((s) => s.byId);
  return useCallback((threadId: string) => byId[threadId]?.title ?? `thread ${threadId.slice(0, 8)}`, [byId]);
}
