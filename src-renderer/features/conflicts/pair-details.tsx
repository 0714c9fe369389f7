import type { ConflictFile, ConflictMatrix } from '../../../src-shared/contract';
import {
  describePair,
  statusIcon,
  fileKindLabel,
  pairBetween,
  plural,
  radarThreadOf,
  sideName,
  type TitleOf,
} from './conflict-labels';
import type { SelectedCell } from './conflict-matrix-table';
import { usePairDetails } from './use-pair-details';

function HunkSides({
  ours,
  theirs,
  oursName,
  theirsName,
}: Record<'ours' | 'theirs' | 'oursName' | 'theirsName', string>) {
  return (
    <div className="radar-hunk-sides">
      <figure className="radar-hunk-side">
        <figcaption>{oursName}</figcaption>
        <pre className="radar-hunk-text">{ours || '(nothing)'}</pre>
      </figure>
      <figure className="radar-hunk-side">
        <figcaption>{theirsName}</figcaption>
        <pre className="radar-hunk-text">{theirs || '(nothing)'}</pre>
      </figure>
    </div>
  );
}

function ConflictFileCard({ file, aName, bName }: { file: ConflictFile; aName: string; bName: string }) {
  return (
    <li className="radar-file">
      <p className="radar-file-head">
        <span className="radar-file-icon" aria-hidden="true">
          ⚠
        </span>
        <code className="radar-file-path">{file.path}</code>
        <span className="radar-file-kind">{fileKindLabel(file.kind)}</span>
      </p>
      {file.hunks.map((hunk) => (
        <section
          key={`${hunk.mergedStart}-${hunk.mergedEnd}`}
          className="radar-hunk"
          aria-label={`${file.path}, merged lines ${hunk.mergedStart}–${hunk.mergedEnd}`}
        >
          <p className="radar-hunk-where">
            Merged lines {hunk.mergedStart}–{hunk.mergedEnd}
          </p>
          <HunkSides ours={hunk.ours} theirs={hunk.theirs} oursName={aName} theirsName={bName} />
        </section>
      ))}
      {file.hunks.length === 0 &&
        file.messages.map((message) => (
          <p key={message} className="radar-git-message">
            {message}
          </p>
        ))}
    </li>
  );
}

/** One cell of the matrix: what conflicts, where, and which files both sides touch. */
export function PairDetailsPanel({
  matrix,
  cell,
  titleOf,
}: {
  matrix: ConflictMatrix;
  cell: SelectedCell;
  titleOf: TitleOf;
}) {
  const pair = pairBetween(matrix, cell.a, cell.b);
  const { details, error, loading } = usePairDetails(cell.a, cell.b, pair);
  // The cell may be stored either way round; name the sides the way the host computed them.
  const a = pair?.a ?? cell.a;
  const b = pair ? pair.b : cell.b;
  const base = radarThreadOf(matrix, cell.a)?.base ?? 'base';
  const aName = titleOf(a);
  const bName = sideName(b, titleOf, base);
  const overlaps = details?.overlaps ?? pair?.overlaps ?? [];

  return (
    <section className="radar-details" aria-label={`${aName} and ${bName}`} aria-busy={loading}>
      <h3 className="radar-section-title">
        {aName} and {bName}
      </h3>
      <p className="radar-details-status">
        <span className={`radar-text-${pair?.status ?? 'pending'}`}>
          <span aria-hidden="true">{statusIcon(pair?.status)} </span>
          {describePair(pair)}
        </span>
      </p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {loading && <p className="field-hint">Loading the files…</p>}
      {details && details.files.length > 0 && (
        <ul className="radar-files" aria-label="Conflicting files">
          {details.files.map((file) => (
            <ConflictFileCard key={file.path} file={file} aName={aName} bName={bName} />
          ))}
        </ul>
      )}
      {overlaps.length > 0 && (
        <>
          <p className="radar-overlap-title">
            Both change, merging cleanly ({plural(overlaps.length, 'file')}):
          </p>
          <ul className="radar-overlaps" aria-label="Overlapping files">
            {overlaps.map((path) => (
              <li key={path}>
                <code>{path}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {pair?.status === 'clean' && <p className="field-hint">They change different files.</p>}
    </section>
  );
}
