export type DiffOp = { type: 'equal' | 'delete' | 'insert'; text: string };

/**
 * Myers' trace keeps 2d+1 integers per edit distance d, so D edits cost about D² integers: 2,000
 * edits is 16 MB. Past that a UI preview is not worth more memory; the changed middle is then
 * shown as one delete block and one insert block.
 */
const MAX_EDIT_DISTANCE = 2000;

/** Line diff: common prefix and suffix trimmed, then Myers' O(ND) shortest edit script. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffOp[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const ops: DiffOp[] = before.slice(0, prefix).map((text) => ({ type: 'equal', text }));
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  ops.push(...(myers(a, b) ?? blockReplace(a, b)));
  ops.push(...before.slice(before.length - suffix).map((text): DiffOp => ({ type: 'equal', text })));
  return ops;
}

function blockReplace(a: readonly string[], b: readonly string[]): DiffOp[] {
  return [
    ...a.map((text): DiffOp => ({ type: 'delete', text })),
    ...b.map((text): DiffOp => ({ type: 'insert', text })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d += 1) {
    // Only diagonals -d..d can be read when backtracking from round d.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return null;
}

function backtrack(
  a: readonly string[],
  b: readonly string[],
  trace: Int32Array[],
  distance: number,
): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = distance; d > 0; d -= 1) {
    const v = trace[d] as Int32Array;
    const at = (diagonal: number): number => v[diagonal + d] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ type: 'equal', text: a[x] ?? '' });
    }
    if (down) {
      y -= 1;
      ops.push({ type: 'insert', text: b[y] ?? '' });
    } else {
      x -= 1;
      ops.push({ type: 'delete', text: a[x] ?? '' });
    }
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    ops.push({ type: 'equal', text: a[x] ?? '' });
  }
  return ops.reverse();
}
