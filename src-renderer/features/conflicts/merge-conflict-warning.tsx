import type { Thread } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { mergeWarningFor } from './conflict-labels';
import { useConflicts } from './conflicts-slice';
import { useTitleOf } from './use-thread-titles';
import './conflicts.css';

/**
 * Says, before anyone merges, which threads (and whether the base) this thread would collide with.
 * In the review it offers the radar; inside the merge dialog (`compact`) it only warns.
 */
export function MergeConflictWarning({ thread, compact = false }: { thread: Thread; compact?: boolean }) {
  const matrix = useConflicts((s) => s.byProject[thread.projectId]);
  const titleOf = useTitleOf();
  const warning = mergeWarningFor(matrix, thread.id, titleOf);
  if (!warning) return null;
  const openRadar = () =>
    useDialogs.getState().show({
      kind: 'conflict-radar',
      projectId: thread.projectId,
      select: { a: thread.id, b: warning.with[0] ?? null },
    });
  return (
    <div className={compact ? 'merge-conflict-warning is-compact' : 'merge-conflict-warning'} role="status">
      <span className="merge-conflict-icon" aria-hidden="true">
        ⚠
      </span>
      <p className="merge-conflict-text">{warning.text}</p>
      {!compact && (
        <button type="button" className="button small" onClick={openRadar}>
          Open conflict radar
        </button>
      )}
    </div>
  );
}
