import { useState } from 'react';
import type { ConflictMatrix } from '../../../src-shared/contract';
import { Modal, ModalActions } from '../../app/ui/modal';
import { useSession } from '../../lib/session';
import { useProjects } from '../projects/projects-slice';
import { type TitleOf } from './conflict-labels';
import { ConflictMatrixTable, type SelectedCell } from './conflict-matrix-table';
import { fetchConflicts, useConflicts } from './conflicts-slice';
import { MergeOrder } from './merge-order';
import { PairDetailsPanel } from './pair-details';
import { useTitleOf } from './use-thread-titles';
import './conflicts.css';

/** The first conflicting cell, else the first overlapping one: what is worth a look first. */
function firstInterestingCell(matrix: ConflictMatrix | undefined): SelectedCell | null {
  const pair =
    matrix?.pairs.find((p) => p.status === 'conflict') ?? matrix?.pairs.find((p) => p.status === 'overlap');
  return pair ? { a: pair.a, b: pair.b } : null;
}

function inMatrix(matrix: ConflictMatrix, cell: SelectedCell): boolean {
  const has = (id: string) => matrix.threads.some((t) => t.threadId === id);
  return has(cell.a) && (cell.b === null || has(cell.b));
}

function RadarBody({
  matrix,
  titleOf,
  initial,
}: {
  matrix: ConflictMatrix;
  titleOf: TitleOf;
  initial: SelectedCell | null;
}) {
  const [chosen, setChosen] = useState<SelectedCell | null>(initial);
  // Until a cell is chosen, follow the matrix to its first conflict as cells finish computing.
  const selected = chosen && inMatrix(matrix, chosen) ? chosen : firstInterestingCell(matrix);
  const count = matrix.threads.length;

  if (count === 0) {
    return <p className="radar-empty">This repository has no live threads: there is nothing to compare.</p>;
  }
  return (
    <>
      <div className="radar-head">
        <p className="radar-summary">
          {count === 1
            ? 'Only one live thread: there is no other thread to compare it with, so it is compared with its base alone.'
            : 'Each cell merges two threads as they are on disk, uncommitted work included. Choose a cell to see its files.'}
        </p>
        <span role="status" className="radar-computing">
          {matrix.computing ? 'Computing…' : ''}
        </span>
      </div>
      <ConflictMatrixTable matrix={matrix} titleOf={titleOf} selected={selected} onSelect={setChosen} />
      <p className="radar-legend" aria-hidden="true">
        <span className="radar-text-conflict">⚠ conflict</span>
        <span className="radar-text-overlap">◐ same files, merges cleanly</span>
        <span className="radar-text-clean">✓ clean</span>
        <span className="radar-text-pending">… computing</span>
      </p>
      <div className="radar-lower">
        {selected ? (
          <PairDetailsPanel matrix={matrix} cell={selected} titleOf={titleOf} />
        ) : (
          <p className="radar-details radar-empty">
            No two threads collide. Choose a cell to see what it compares.
          </p>
        )}
        <MergeOrder matrix={matrix} titleOf={titleOf} />
      </div>
    </>
  );
}

/** A project's conflict radar: the matrix, one cell's files and hunks, and a suggested merge order. */
export function ConflictRadarDialog({
  projectId,
  select,
  onClose,
}: {
  projectId: string;
  select: SelectedCell | null;
  onClose: () => void;
}) {
  const project = useProjects((s) => s.byId[projectId]);
  const matrix = useConflicts((s) => s.byProject[projectId]);
  const error = useConflicts((s) => s.errors[projectId]);
  const client = useSession((s) => s.client);
  const titleOf = useTitleOf();

  return (
    <Modal title={`Conflict radar for ${project?.name ?? 'this repository'}`} onClose={onClose} size="wide">
      <div className="conflict-radar">
        {matrix ? (
          <RadarBody matrix={matrix} titleOf={titleOf} initial={select} />
        ) : error ? (
          <>
            <p className="inline-error" role="alert">
              {error}
            </p>
            <button
              type="button"
              className="button small"
              disabled={!client}
              onClick={() => client && void fetchConflicts(client, projectId)}
            >
              Try again
            </button>
          </>
        ) : (
          <p role="status">Loading the radar…</p>
        )}
      </div>
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}
