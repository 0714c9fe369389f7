import { useEffect, useState } from 'react';
import type { ConflictPair, PairDetails } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

interface LoadedPair {
  key: string;
  details: PairDetails | null;
  error: string | null;
}

/**
 * The files and hunks of one cell. The cell's snapshots and status make the key: when the matrix
 * recomputes the cell, its details are fetched anew; until then the ones shown stay.
 */
export function usePairDetails(
  a: string,
  b: string | null,
  pair: ConflictPair | undefined,
): { details: PairDetails | null; error: string | null; loading: boolean } {
  const client = useSession((s) => s.client);
  const [state, setState] = useState<LoadedPair>({ key: '', details: null, error: null });
  const key = `${a}:${b ?? 'base'}:${pair?.status ?? ''}:${pair?.fromA ?? ''}:${pair?.fromB ?? ''}`;
  const settled = pair !== undefined && pair.status !== 'pending';

  useEffect(() => {
    if (!client || !settled) return;
    let cancelled = false;
    client.api.conflicts.pair({ a, b }).then(
      (details) => {
        if (!cancelled) setState({ key, details, error: null });
      },
      (error: unknown) => {
        if (!cancelled)
          setState({ key, details: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
    // `key` names everything the request depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, settled]);

  const current = state.key === key;
  return {
    details: current ? state.details : null,
    error: current ? state.error : null,
    loading: settled && !current,
  };
}
