import { describe, expect, test } from 'vitest';
import type { DiffFile } from '../../src-shared/contract';
import {
  buildFileTree,
  filesInTreeOrder,
  visibleRows,
  type TreeRow,
} from '../../src-renderer/features/review/file-tree';
import { reviewOf, useReview } from '../../src-renderer/features/review/review-slice';
import { scrollToReveal, visibleWindow } from '../../src-renderer/features/review/windowing';

function file(path: string, additions = 1, deletions = 0, extra: Partial<DiffFile> = {}): DiffFile {
  return {
    path,
    oldPath: null,
    change: 'modified',
    oldMode: '100644',
    newMode: '100644',
    additions,
    deletions,
    binary: false,
    oldSize: 10,
    newSize: 12,
    uncommitted: false,
    ...extra,
  };
}

function describeRows(rows: TreeRow[]): string[] {
  return rows.map(
    (r) => `${'  '.repeat(r.depth - 1)}${r.node.kind === 'folder' ? `${r.node.name}/` : r.node.name}`,
  );
}

describe('the changed-file tree', () => {
  test('folders come first, names sort naturally, and counts add up per folder', () => {
    const root = buildFileTree([
      file('src/b.ts', 2, 1),
      file('README.md', 1, 0),
      file('src/a10.ts', 3, 0),
      file('src/a2.ts', 1, 4),
      file('docs/guide.md', 5, 5, { binary: true, additions: null, deletions: null }),
    ]);
    expect(describeRows(visibleRows(root, new Set()))).toEqual([
      'docs/',
      '  guide.md',
      'src/',
      '  a2.ts',
      '  a10.ts',
      '  b.ts',
      'README.md',
    ]);
    const src = root.children.find((n) => n.kind === 'folder' && n.path === 'src');
    expect(src).toMatchObject({ files: 3, additions: 6, deletions: 5 });
    expect(root).toMatchObject({ files: 5, additions: 7, deletions: 5 });
  });

  test('a chain of single folders is one row, keyed by its deepest folder', () => {
    const root = buildFileTree([file('src/features/review/a.ts'), file('src/features/review/b.ts')]);
    const rows = visibleRows(root, new Set());
    expect(describeRows(rows)).toEqual(['src/features/review/', '  a.ts', '  b.ts']);
    expect(rows[0]?.node.path).toBe('src/features/review');
  });

  test('a chain stops where a folder has more than one child', () => {
    const root = buildFileTree([file('src/app/x.ts'), file('src/lib/y.ts'), file('src/z.ts')]);
    expect(describeRows(visibleRows(root, new Set()))).toEqual([
      'src/',
      '  app/',
      '    x.ts',
      '  lib/',
      '    y.ts',
      '  z.ts',
    ]);
  });

  test('collapsed folders hide their insides; rows carry ARIA positions', () => {
    const root = buildFileTree([file('a/x.ts'), file('a/y.ts'), file('b/z.ts'), file('top.ts')]);
    const rows = visibleRows(root, new Set(['a']));
    expect(describeRows(rows)).toEqual(['a/', 'b/', '  z.ts', 'top.ts']);
    expect(rows.map((r) => [r.posInSet, r.setSize, r.expanded])).toEqual([
      [1, 3, false],
      [2, 3, true],
      [1, 1, false],
      [3, 3, false],
    ]);
  });

  test('tree order lists files as the tree shows them', () => {
    const root = buildFileTree([file('z.ts'), file('src/deep/er/a.ts'), file('src/b.ts')]);
    expect(filesInTreeOrder(root).map((f) => f.path)).toEqual(['src/deep/er/a.ts', 'src/b.ts', 'z.ts']);
  });

  test('selecting a file opens the folders it sits in, and only those', () => {
    const store = useReview.getState();
    store.toggleFolder('t-select', 'src/deep/er');
    store.toggleFolder('t-select', 'src');
    store.toggleFolder('t-select', 'docs');
    store.select('t-select', 'src/deep/er/a.ts');
    expect(reviewOf(useReview.getState().byThread, 't-select')).toMatchObject({
      selectedPath: 'src/deep/er/a.ts',
      collapsed: ['docs'],
    });
  });

  test('a few thousand files build and flatten quickly', () => {
    const files = Array.from({ length: 5_000 }, (_, i) => file(`pkg${i % 50}/dir${i % 7}/file${i}.ts`));
    const started = performance.now();
    const rows = visibleRows(buildFileTree(files), new Set());
    expect(rows.filter((r) => r.node.kind === 'file')).toHaveLength(5_000);
    // Generous for a loaded 2-core machine; the real cost is a few milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('windowing', () => {
  const base = { count: 1_000, rowHeight: 24, viewportHeight: 240, overscan: 2 };

  test('renders the rows in view plus the overscan on each side', () => {
    expect(visibleWindow({ ...base, scrollTop: 0 })).toEqual({
      start: 0,
      end: 12,
      offsetTop: 0,
      totalHeight: 24_000,
    });
    expect(visibleWindow({ ...base, scrollTop: 2_400 })).toEqual({
      start: 98,
      end: 112,
      offsetTop: 98 * 24,
      totalHeight: 24_000,
    });
  });

  test('a row half in view is rendered', () => {
    const range = visibleWindow({ ...base, overscan: 0, scrollTop: 12 });
    expect([range.start, range.end]).toEqual([0, 11]);
  });

  test('scrolling past the end is clamped, and an empty list renders nothing', () => {
    expect(visibleWindow({ ...base, scrollTop: 1e9 })).toMatchObject({ start: 988, end: 1_000 });
    expect(visibleWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
    expect(visibleWindow({ ...base, count: 3, scrollTop: 0 })).toMatchObject({ start: 0, end: 3 });
  });

  test('revealing a row moves the least, or not at all', () => {
    expect(scrollToReveal(5, 24, 0, 240)).toBeNull();
    expect(scrollToReveal(20, 24, 0, 240)).toBe(21 * 24 - 240);
    expect(scrollToReveal(2, 24, 240, 240)).toBe(48);
    expect(scrollToReveal(9, 24, 0, 240)).toBeNull();
    expect(scrollToReveal(10, 24, 0, 240)).toBe(24);
  });
});
