import type { ConflictMatrix, ConflictPair, RadarThread } from '../../../src-shared/contract';
import { cellLabel, cellMark, pairBetween, sideName, type TitleOf } from './conflict-labels';

export interface SelectedCell {
  a: string;
  b: string | null;
}

interface MatrixTableProps {
  matrix: ConflictMatrix;
  titleOf: TitleOf;
  selected: SelectedCell | null;
  onSelect: (cell: SelectedCell) => void;
}

function isSelected(selected: SelectedCell | null, a: string, b: string | null): boolean {
  if (!selected) return false;
  if (b === null || selected.b === null) return selected.a === a && selected.b === b;
  return (selected.a === a && selected.b === b) || (selected.a === b && selected.b === a);
}

function MatrixCell(props: {
  pair: ConflictPair | undefined;
  label: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const status = props.pair?.status ?? 'pending';
  return (
    <td className="radar-cell-slot">
      <button
        type="button"
        className={`radar-cell radar-${status}`}
        aria-label={props.label}
        aria-pressed={props.selected}
        title={props.label}
        onClick={props.onSelect}
      >
        {cellMark(props.pair)}
      </button>
    </td>
  );
}

function MatrixRow({ row, matrix, titleOf, selected, onSelect }: MatrixTableProps & { row: RadarThread }) {
  const rowTitle = titleOf(row.threadId);
  const basePair = pairBetween(matrix, row.threadId, null);
  return (
    <tr>
      <th scope="row" className="radar-row-head" title={rowTitle}>
        {rowTitle}
      </th>
      {matrix.threads.map((column) =>
        column.threadId === row.threadId ? (
          <td key={column.threadId} className="radar-cell-slot radar-self" aria-label="Same thread">
            —
          </td>
        ) : (
          <MatrixCell
            key={column.threadId}
            pair={pairBetween(matrix, row.threadId, column.threadId)}
            label={cellLabel(
              rowTitle,
              titleOf(column.threadId),
              pairBetween(matrix, row.threadId, column.threadId),
            )}
            selected={isSelected(selected, row.threadId, column.threadId)}
            onSelect={() => onSelect({ a: row.threadId, b: column.threadId })}
          />
        ),
      )}
      <MatrixCell
        pair={basePair}
        label={cellLabel(rowTitle, sideName(null, titleOf, row.base), basePair)}
        selected={isSelected(selected, row.threadId, null)}
        onSelect={() => onSelect({ a: row.threadId, b: null })}
      />
    </tr>
  );
}

/** Every live thread against every other and against its base; each cell opens its details below. */
export function ConflictMatrixTable(props: MatrixTableProps) {
  const { matrix, titleOf } = props;
  return (
    <div className="radar-table-scroll">
      <table className="radar-table" aria-label="Conflict matrix">
        <thead>
          <tr>
            <td className="radar-corner" />
            {matrix.threads.map((column) => (
              <th
                key={column.threadId}
                scope="col"
                className="radar-col-head"
                title={titleOf(column.threadId)}
              >
                <span className="radar-col-title">{titleOf(column.threadId)}</span>
              </th>
            ))}
            <th scope="col" className="radar-col-head radar-base-head">
              Base
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.threads.map((row) => (
            <MatrixRow key={row.threadId} row={row} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
