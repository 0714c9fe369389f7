import { useEffect } from 'react';
import type { ConflictMatrix, RpcClient, Thread } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';
import { rebaseOf, receivedSoFar, useRebase } from './rebase-slice';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function conflictsWithBaseIn(matrix: ConflictMatrix, threadId: string): boolean | null {
  return matrix.threads.find((t) => t.threadId === threadId)?.conflictsWithBase ?? null;
}

async function fetchStatus(client: RpcClient, threadId: string): Promise<void> {
  const before = receivedSoFar(threadId);
  try {
    const state = await client.api.rebase.status({ threadId });
    if (receivedSoFar(threadId) === before) useRebase.getState().received(state);
  } catch (error) {
    if (useSession.getState().client === client) {
      useRebase.getState().update(threadId, { statusError: messageOf(error) });
    }
  }
}

/**
 * Keeps one thread's rebase current while its review is on screen: `rebase/status` once, then
 * `rebase/updated`; the radar's word on whether it conflicts with its base; and the end of an
 * agent turn we handed the conflicts to (its edits do not change git's state, so we ask again).
 */
export function useRebaseSession(thread: Pick<Thread, 'id' | 'projectId'>): void {
  const client = useSession((s) => s.client);
  const { id: threadId, projectId } = thread;

  useEffect(() => {
    if (!client) return;
    const offUpdated = client.on('rebase/updated', (state) => {
      if (state.threadId === threadId) useRebase.getState().received(state);
    });
    const offTurn = client.on('turn/completed', ({ turn }) => {
      const current = rebaseOf(useRebase.getState().byThread, threadId);
      if (turn.threadId !== threadId || turn.id !== current.agentTurnId) return;
      useRebase.getState().update(threadId, { agentTurnId: null, agentRounds: current.agentRounds + 1 });
      void fetchStatus(client, threadId);
    });
    void fetchStatus(client, threadId);
    return () => {
      offUpdated();
      offTurn();
    };
  }, [client, threadId]);

  useEffect(() => {
    if (!client) return;
    const apply = (matrix: ConflictMatrix) => {
      if (matrix.projectId !== projectId) return;
      useRebase.getState().update(threadId, { conflictsWithBase: conflictsWithBaseIn(matrix, threadId) });
    };
    const offConflicts = client.on('conflicts/updated', apply);
    // The radar is a hint for the offer's wording only: without it the offer still shows.
    client.api.conflicts.get({ projectId }).then(apply, () => {});
    return offConflicts;
  }, [client, threadId, projectId]);
}
