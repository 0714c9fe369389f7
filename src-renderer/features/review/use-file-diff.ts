import { useEffect, useState } from 'react';
import type { DiffFile, DiffSummary, FileDiff } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

interface FileDiffState {
  key: string;
  diff: FileDiff | null;
  error: string | null;
}

export interface LoadedFileDiff {
  /** The newest diff received; while `loading`, it may be of the previously selected file. */
  diff: FileDiff | null;
  error: string | null;
  loading: boolean;
  /** Asks again with `full: true` (a file past the inline size limit). */
  loadFull: () => void;
}

/**
 * Both sides of the selected file between the summary's two commits. A new snapshot (`to`) after
 * `review/changed` fetches again; an unchanged one keeps what is shown. `diff.path` says which file
 * the returned diff is of.
 */
export function useFileDiff(
  threadId: string,
  summary: DiffSummary | null,
  file: DiffFile | null,
): LoadedFileDiff {
  const client = useSession((s) => s.client);
  const [fullFor, setFullFor] = useState<string | null>(null);
  const [state, setState] = useState<FileDiffState>({ key: '', diff: null, error: null });
  const full = file !== null && fullFor === file.path;
  const key =
    summary && file
      ? `${summary.from}:${summary.to}:${file.oldPath ?? ''}:${file.path}:${full ? 'full' : ''}`
      : '';

  useEffect(() => {
    if (!client || !summary || !file || !key) return;
    let cancelled = false;
    client.api.review
      .fileDiff({
        threadId,
        from: summary.from,
        to: summary.to,
        path: file.path,
        oldPath: file.oldPath,
        ...(full ? { full: true } : {}),
      })
      .then(
        (diff) => {
          if (!cancelled) setState({ key, diff, error: null });
        },
        (error: unknown) => {
          if (!cancelled)
            setState({
              key,
              diff: null,
              error: error instanceof Error ? error.message : String(error),
            });
        },
      );
    return () => {
      cancelled = true;
    };
    // `key` names everything the request depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, threadId, key]);

  const current = state.key === key;
  // While the next diff loads, the previous one stays on screen (no flash, and the editor is kept).
  return {
    diff: state.diff,
    error: current ? state.error : null,
    loading: key !== '' && !current,
    loadFull: () => {
      if (file) setFullFor(file.path);
    },
  };
}
