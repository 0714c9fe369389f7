import { useMemo, useState } from 'react';
import { diffLines } from './diff-lines';

/** Past this many lines a diff is cut until asked for: a generated file can be tens of thousands. */
const DIFF_PREVIEW_LINES = 300;

/** A unified diff (or a Codex patch) with added lines green, removed lines red and hunks marked. */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? lines : lines.slice(0, DIFF_PREVIEW_LINES);
  return (
    <div className="diff" role="group" aria-label={label}>
      <pre className="diff-body">
        {shown.map((line, index) => (
          <span key={index} className={`diff-line diff-${line.kind}`}>
            {line.text || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
      {shown.length < lines.length && (
        <button type="button" className="link-button diff-more" onClick={() => setShowAll(true)}>
          Show all {lines.length} lines
        </button>
      )}
    </div>
  );
}
