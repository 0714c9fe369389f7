import { useEffect, useId, useState } from 'react';
import type { RebaseConflictFile, RebaseFile, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { resolveConflict } from './rebase-actions';
import { agentBusyReason, conflictStatusLabel } from './rebase-labels';
import { binaryResolveParams, type RebaseSide } from './rebase-resolution';
import { useRebase } from './rebase-slice';
import { TextResolver } from './text-resolver';

function BinaryResolver({ thread, file }: { thread: Thread; file: RebaseFile }) {
  const resolving = useAsyncAction();
  const disabled = resolving.pending || agentBusyReason(thread.status) !== null;
  const choose = (choice: RebaseSide | 'delete') =>
    void resolving.run(() => resolveConflict(binaryResolveParams(thread.id, file.path, choice)));
  return (
    <div className="rebase-binary">
      <p>
        This is a binary file, so it cannot be merged line by line: keep one version whole, or delete the
        file.
      </p>
      <div className="rebase-actions">
        <button type="button" className="button small" disabled={disabled} onClick={() => choose('base')}>
          Keep base version
        </button>
        <button type="button" className="button small" disabled={disabled} onClick={() => choose('thread')}>
          Keep thread&apos;s version
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={disabled}
          onClick={() => choose('delete')}
        >
          Delete the file
        </button>
      </div>
      {resolving.error && (
        <p className="rebase-error" role="alert">
          {resolving.error}
        </p>
      )}
    </div>
  );
}

/** One conflicted file: its three sides side by side and the result to edit, or a choice for binaries. */
export function ThreeWayView({ thread, file }: { thread: Thread; file: RebaseConflictFile }) {
  const [loaded, setLoaded] = useState<RebaseFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  useEffect(() => {
    let cancelled = false;
    requireClient()
      .api.rebase.file({ threadId: thread.id, path: file.path })
      .then(
        (next) => {
          if (!cancelled) setLoaded(next);
        },
        (caught: unknown) => {
          if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
        },
      );
    return () => {
      cancelled = true;
    };
  }, [thread.id, file.path]);

  return (
    <section className="rebase-three-way" aria-labelledby={headingId}>
      <div className="rebase-three-way-head">
        <h3 id={headingId} className="rebase-three-way-title">
          Resolve <span className="mono">{file.path}</span>
        </h3>
        <span className="rebase-file-status">{conflictStatusLabel(file.status)}</span>
        <span className="rebase-actions-spacer" />
        <button
          type="button"
          className="button small"
          onClick={() => useRebase.getState().update(thread.id, { openPath: null })}
        >
          Close
        </button>
      </div>
      {error ? (
        <p className="rebase-error" role="alert">
          {error}
        </p>
      ) : !loaded ? (
        <p className="rebase-hint" role="status">
          Loading the file…
        </p>
      ) : loaded.binary || file.binary ? (
        <BinaryResolver thread={thread} file={loaded} />
      ) : (
        <TextResolver thread={thread} file={loaded} />
      )}
    </section>
  );
}
