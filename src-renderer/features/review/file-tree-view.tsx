import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { DiffSummary } from '../../../src-shared/contract';
import { buildFileTree, visibleRows, type TreeRow } from './file-tree';
import { changeLetter, describeFile, plural } from './review-format';
import { reviewOf, useReview } from './review-slice';
import { VirtualRows } from './virtual-rows';

/** Matches `.review-tree-row` in review.css. */
const ROW_HEIGHT_PX = 24;
const INDENT_PX = 12;

function rowKey(row: TreeRow): string {
  return `${row.node.kind}:${row.node.path}`;
}

function parentIndex(rows: readonly TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 1;
  for (let i = index - 1; i >= 0; i -= 1) if ((rows[i]?.depth ?? 0) < depth) return i;
  return -1;
}

function FileRowContent({ row }: { row: TreeRow }) {
  if (row.node.kind === 'folder') {
    const folder = row.node;
    return (
      <>
        <span className="review-tree-chevron" aria-hidden="true">
          {row.expanded ? '▾' : '▸'}
        </span>
        <span className="review-tree-name">{folder.name}</span>
        <span className="review-tree-count" aria-hidden="true">
          {folder.files}
        </span>
      </>
    );
  }
  const file = row.node.file;
  return (
    <>
      <span className={`review-kind review-kind-${file.change}`} aria-hidden="true">
        {changeLetter(file.change)}
      </span>
      <span className="review-tree-name" title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
        {row.node.name}
      </span>
      {file.uncommitted && <span className="review-uncommitted-dot" aria-hidden="true" title="Uncommitted" />}
      <span className="review-tree-stats" aria-hidden="true">
        {file.binary ? (
          <span className="review-binary">bin</span>
        ) : (
          <>
            {(file.additions ?? 0) > 0 && <span className="review-add">+{file.additions}</span>}
            {(file.deletions ?? 0) > 0 && <span className="review-del">−{file.deletions}</span>}
          </>
        )}
      </span>
    </>
  );
}

/** The changed files as a keyboard-navigable, virtualised tree (the ARIA tree pattern). */
export function FileTreeView({ threadId, summary }: { threadId: string; summary: DiffSummary }) {
  const collapsedList = useReview((s) => reviewOf(s.byThread, threadId).collapsed);
  const selectedPath = useReview((s) => reviewOf(s.byThread, threadId).selectedPath);
  const tree = useMemo(() => buildFileTree(summary.files), [summary.files]);
  const rows = useMemo(() => visibleRows(tree, new Set(collapsedList)), [tree, collapsedList]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const baseId = useId();

  const selectedIndex = rows.findIndex((r) => r.node.kind === 'file' && r.node.path === selectedPath);
  const keyedIndex = activeKey === null ? -1 : rows.findIndex((r) => rowKey(r) === activeKey);
  const activeIndex = keyedIndex >= 0 ? keyedIndex : Math.max(0, selectedIndex);
  const store = useReview.getState;

  const activate = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(rowKey(row));
    if (row.node.kind === 'folder') store().toggleFolder(threadId, row.node.path);
    else store().select(threadId, row.node.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[activeIndex];
    if (!row) return;
    const moveTo = (index: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (target) setActiveKey(rowKey(target));
    };
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.node.kind === 'folder' && !row.expanded) store().toggleFolder(threadId, row.node.path);
        else if (row.node.kind === 'folder') moveTo(activeIndex + 1);
        break;
      case 'ArrowLeft':
        if (row.node.kind === 'folder' && row.expanded) store().toggleFolder(threadId, row.node.path);
        else if (parentIndex(rows, activeIndex) >= 0) moveTo(parentIndex(rows, activeIndex));
        break;
      case 'Enter':
      case ' ':
        activate(activeIndex);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  if (rows.length === 0) return <p className="review-empty">No changed files.</p>;

  return (
    <VirtualRows
      className="review-tree"
      count={rows.length}
      rowHeight={ROW_HEIGHT_PX}
      revealIndex={activeIndex}
      containerProps={{
        role: 'tree',
        'aria-label': `Changed files, ${plural(summary.totals.files, 'file')}`,
        'aria-activedescendant': `${baseId}-${activeIndex}`,
        tabIndex: 0,
        onKeyDown,
      }}
      renderRow={(index) => {
        const row = rows[index] as TreeRow;
        const isFile = row.node.kind === 'file';
        const selected = isFile && row.node.path === selectedPath;
        const label =
          row.node.kind === 'file'
            ? `${row.node.name}, ${describeFile(row.node.file)}`
            : `${row.node.name}, folder, ${plural(row.node.files, 'file')}`;
        return (
          <div
            key={rowKey(row)}
            id={`${baseId}-${index}`}
            role="treeitem"
            aria-level={row.depth}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-expanded={isFile ? undefined : row.expanded}
            aria-selected={isFile ? selected : undefined}
            aria-label={label}
            className={[
              'review-tree-row',
              selected ? 'selected' : '',
              index === activeIndex ? 'active' : '',
            ].join(' ')}
            style={{ paddingLeft: 6 + (row.depth - 1) * INDENT_PX }}
            onClick={() => activate(index)}
          >
            <FileRowContent row={row} />
          </div>
        );
      }}
    />
  );
}
