import { useEffect, useState } from 'react';
import type { AttemptComparison, FileDiff } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

interface Loaded<T> {
  value: T | null;
  error: string | null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Two attempts' worktrees compared (`attempt/compare`); `version` asks again (after taking changes,
 * or when an attempt's turn ended and its worktree moved on).
 */
export function useComparison(
  groupId: string,
  fromThreadId: string,
  toThreadId: string,
  version: number,
): Loaded<AttemptComparison> & { loading: boolean } {
  const client = useSession((s) => s.client);
  const key = `${groupId}:${fromThreadId}:${toThreadId}:${version}`;
  const [state, setState] = useState<Loaded<AttemptComparison> & { key: string }>({
    key: '',
    value: null,
    error: null,
  });
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.attempt.compare({ groupId, fromThreadId, toThreadId }).then(
      (value) => {
        if (!cancelled) setState({ key, value, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ key, value: null, error: describe(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, groupId, fromThreadId, toThreadId, key]);
  return { value: state.value, error: state.error, loading: state.key !== key };
}

/** One file of a comparison, both sides, read through the review feature's `review/fileDiff`. */
export function useComparedFile(
  comparison: AttemptComparison | null,
  file: { path: string; oldPath: string | null } | null,
): Loaded<FileDiff> {
  const client = useSession((s) => s.client);
  const [state, setState] = useState<Loaded<FileDiff> & { key: string }>({
    key: '',
    value: null,
    error: null,
  });
  const key =
    comparison && file ? `${comparison.from}:${comparison.to}:${file.oldPath ?? ''}:${file.path}` : '';
  useEffect(() => {
    if (!client || !comparison || !file || !key) return;
    let cancelled = false;
    client.api.review
      .fileDiff({
        threadId: comparison.fromThreadId,
        from: comparison.from,
        to: comparison.to,
        path: file.path,
        oldPath: file.oldPath,
      })
      .then(
        (value) => {
          if (!cancelled) setState({ key, value, error: null });
        },
        (error: unknown) => {
          if (!cancelled) setState({ key, value: null, error: describe(error) });
        },
      );
    return () => {
      cancelled = true;
    };
    // `key` names everything the request depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);
  return state.key === key ? state : { value: null, error: null };
}
