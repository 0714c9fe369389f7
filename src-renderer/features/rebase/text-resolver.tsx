import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { RebaseFile, Thread } from '../../../src-shared/contract';
import { useAsyncAction } from '../../lib/use-async-action';
import { loadMonaco } from '../review/monaco/load-monaco';
import { ThreeWayEditors, type ThreeWayColumn, type ThreeWayColumnSetup } from './monaco/three-way-editors';
import { resolveConflict } from './rebase-actions';
import { agentBusyReason, countConflictRegions, plural } from './rebase-labels';
import {
  editorTexts,
  missingSideNote,
  resolveParams,
  takeSide,
  type RebaseSide,
  type Resolution,
} from './rebase-resolution';

function columnTitles(thread: Thread): Record<ThreeWayColumn, string> {
  return {
    ancestor: 'Common ancestor',
    base: `Base (${thread.base})`,
    result: 'Result',
    thread: "This thread's change",
  };
}

/** Each column's editor box (under `data-column`), its text and its editor's accessible name. */
function columnSetups(
  grid: HTMLElement,
  texts: Record<ThreeWayColumn, string>,
  titles: Record<ThreeWayColumn, string>,
): Record<ThreeWayColumn, ThreeWayColumnSetup> | null {
  const setupOf = (name: ThreeWayColumn): ThreeWayColumnSetup | null => {
    const container = grid.querySelector<HTMLElement>(`[data-column="${name}"] .rebase-editor`);
    if (!container) return null;
    const access = name === 'result' ? 'editable' : 'read-only';
    return { container, text: texts[name], ariaLabel: `${titles[name]}, ${access}` };
  };
  const ancestor = setupOf('ancestor');
  const base = setupOf('base');
  const result = setupOf('result');
  const thread = setupOf('thread');
  return ancestor && base && result && thread ? { ancestor, base, result, thread } : null;
}

/** Creates the editors once the containers exist and Monaco is loaded; disposes them on unmount. */
function useThreeWayEditors(
  file: RebaseFile,
  titles: Record<ThreeWayColumn, string>,
  gridRef: RefObject<HTMLDivElement | null>,
  onEdit: () => void,
) {
  const [editors, setEditors] = useState<ThreeWayEditors | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [regions, setRegions] = useState(() => countConflictRegions(file.working ?? ''));
  // Read once: the editors are made for this file; a new file mounts a new view (see its key).
  const setup = useRef({ file, titles });
  // Monaco calls back long after render; it must reach the newest handler.
  const editHandler = useRef(onEdit);
  useEffect(() => {
    editHandler.current = onEdit;
  });

  useEffect(() => {
    let created: ThreeWayEditors | null = null;
    let cancelled = false;
    loadMonaco().then(
      (monaco) => {
        const { file: shown, titles: names } = setup.current;
        const grid = gridRef.current;
        if (cancelled || !grid) return;
        const columns = columnSetups(grid, editorTexts(shown), names);
        if (!columns) return;
        created = new ThreeWayEditors(monaco, columns, shown.language, (text) => {
          setRegions(countConflictRegions(text));
          editHandler.current();
        });
        setEditors(created);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
      created?.dispose();
    };
  }, [gridRef]);

  return { editors, loadError, regions };
}

function Column({
  column,
  title,
  note,
  hidden = false,
}: {
  column: ThreeWayColumn;
  title: string;
  note: string | null;
  hidden?: boolean;
}) {
  const headingId = useId();
  return (
    <section
      className={`rebase-column rebase-column-${column}`}
      data-column={column}
      aria-labelledby={headingId}
      hidden={hidden}
    >
      <h4 id={headingId} className="rebase-column-title">
        {title}
      </h4>
      {note && <p className="rebase-column-note">{note}</p>}
      <div className="rebase-editor" />
    </section>
  );
}

/** The three sides of a text file in Monaco, with the result to edit and save. */
export function TextResolver({ thread, file }: { thread: Thread; file: RebaseFile }) {
  const titles = columnTitles(thread);
  const gridRef = useRef<HTMLDivElement>(null);
  /** Set when the taken side has no file: saving deletes it (until the result is edited). */
  const [deleting, setDeleting] = useState(false);
  const { editors, loadError, regions } = useThreeWayEditors(file, titles, gridRef, () => setDeleting(false));
  const [showAncestor, setShowAncestor] = useState(false);
  const saving = useAsyncAction();
  const busy = agentBusyReason(thread.status);

  const take = (side: RebaseSide) => {
    const resolution = takeSide(file, side);
    if (resolution.kind === 'delete') {
      setDeleting(true);
      return;
    }
    editors?.replaceResult(resolution.text);
    setDeleting(false);
  };

  /** Markers left in the result: saving asks first whether they belong in the file. */
  const [confirmMarkers, setConfirmMarkers] = useState(false);
  const save = (allowMarkers: boolean) => {
    if (!editors) return;
    setConfirmMarkers(false);
    const text = editors.result();
    if (!deleting && !allowMarkers && countConflictRegions(text) > 0) {
      setConfirmMarkers(true);
      return;
    }
    const resolution: Resolution = deleting ? { kind: 'delete' } : { kind: 'content', text };
    void saving.run(() => resolveConflict(resolveParams(thread.id, file.path, resolution, allowMarkers)));
  };

  if (loadError) {
    return (
      <p className="rebase-error" role="alert">
        The editor could not load: {loadError}
      </p>
    );
  }
  return (
    <div className="rebase-resolver">
      <div className="rebase-actions" role="toolbar" aria-label={`Resolve ${file.path}`}>
        <button type="button" className="button small" disabled={!editors} onClick={() => take('base')}>
          Take base
        </button>
        <button type="button" className="button small" disabled={!editors} onClick={() => take('thread')}>
          Take thread&apos;s
        </button>
        <button
          type="button"
          className="button small"
          aria-pressed={showAncestor}
          onClick={() => setShowAncestor((shown) => !shown)}
        >
          Show ancestor
        </button>
        <span className="rebase-hint" role="status">
          {deleting
            ? 'Saving deletes this file.'
            : regions > 0
              ? `${plural(regions, 'conflict region')} left in the result.`
              : ''}
        </span>
        <span className="rebase-actions-spacer" />
        <button
          type="button"
          className="button small primary"
          disabled={!editors || saving.pending || busy !== null}
          title={busy ?? undefined}
          onClick={() => save(false)}
        >
          {saving.pending ? 'Saving…' : 'Save and mark resolved'}
        </button>
      </div>
      {confirmMarkers && (
        <p className="rebase-confirm" role="alert">
          The result still has {plural(regions, 'conflict region')} (&lt;&lt;&lt;&lt;&lt;&lt;&lt; …
          &gt;&gt;&gt;&gt;&gt;&gt;&gt;). Edit them away, or keep them if they belong in the file.{' '}
          <button type="button" className="button small" onClick={() => save(true)}>
            Save with the markers
          </button>{' '}
          <button
            type="button"
            className="button small"
            onClick={() => {
              setConfirmMarkers(false);
              editors?.focusResult();
            }}
          >
            Keep editing
          </button>
        </p>
      )}
      {saving.error && (
        <p className="rebase-error" role="alert">
          {saving.error}
        </p>
      )}
      <div ref={gridRef} className={showAncestor ? 'rebase-columns with-ancestor' : 'rebase-columns'}>
        <Column
          column="ancestor"
          title={titles.ancestor}
          note={missingSideNote(file, 'ancestor')}
          hidden={!showAncestor}
        />
        <Column column="base" title={titles.base} note={missingSideNote(file, 'base')} />
        <Column column="result" title={titles.result} note={null} />
        <Column column="thread" title={titles.thread} note={missingSideNote(file, 'thread')} />
      </div>
      {!editors && (
        <p className="rebase-hint" role="status">
          Loading the editor…
        </p>
      )}
    </div>
  );
}
