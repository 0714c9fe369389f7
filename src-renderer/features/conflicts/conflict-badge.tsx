import type { Thread } from '../../../src-shared/contract';
import { useDialogs } from '../../app/dialogs-slice';
import { badgeFor, radarThreadOf } from './conflict-labels';
import { useConflicts } from './conflicts-slice';
import { useTitleOf } from './use-thread-titles';
import './conflicts.css';

/**
 * A thread row's mark when it would conflict with another thread or its base (or, quieter, only
 * touches the same files); pressing it opens the project's radar on that thread.
 */
export function ConflictBadge({ thread }: { thread: Thread }) {
  const radarThread = useConflicts((s) => radarThreadOf(s.byProject[thread.projectId], thread.id));
  const titleOf = useTitleOf();
  const badge = badgeFor(radarThread, titleOf, thread.base);
  if (!badge || !radarThread) return null;
  const other =
    radarThread.conflictsWith[0] ?? (radarThread.conflictsWithBase ? null : radarThread.overlapsWith[0]);
  return (
    <button
      type="button"
      className={`conflict-badge conflict-badge-${badge.tone}`}
      aria-label={badge.label}
      title={badge.title}
      onClick={() =>
        useDialogs.getState().show({
          kind: 'conflict-radar',
          projectId: thread.projectId,
          select: { a: thread.id, b: other ?? null },
        })
      }
    >
      {badge.text}
    </button>
  );
}
