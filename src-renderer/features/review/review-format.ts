import type { DiffFile, FileChangeKind } from '../../../src-shared/contract';

/** The one-letter badge git and editors use: A, M, D, R, C, T. */
export function changeLetter(change: FileChangeKind): string {
  switch (change) {
    case 'added':
      return 'A';
    case 'modified':
      return 'M';
    case 'deleted':
      return 'D';
    case 'renamed':
      return 'R';
    case 'copied':
      return 'C';
    case 'type_changed':
      return 'T';
  }
}

export function changeWord(change: FileChangeKind): string {
  return change === 'type_changed' ? 'type changed' : change;
}

/** "12 B", "4.0 KB", "5.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** "100644 → 100755" when the mode changed on a file present on both sides; else null. */
export function modeChange(file: Pick<DiffFile, 'oldMode' | 'newMode'>): string | null {
  if (!file.oldMode || !file.newMode || file.oldMode === file.newMode) return null;
  return `${file.oldMode} → ${file.newMode}`;
}

/** "12 B → 40 B", "added, 40 B", "deleted, 12 B". */
export function describeSizes(oldSize: number | null, newSize: number | null): string {
  if (oldSize !== null && newSize !== null) return `${formatBytes(oldSize)} → ${formatBytes(newSize)}`;
  if (newSize !== null) return `new, ${formatBytes(newSize)}`;
  if (oldSize !== null) return `removed, ${formatBytes(oldSize)}`;
  return 'size unknown';
}

/** What a screen reader hears for a file row: "a.ts, modified, 3 added, 1 removed". */
export function describeFile(file: DiffFile): string {
  const parts = [changeWord(file.change)];
  if (file.binary) parts.push('binary');
  else parts.push(`${file.additions ?? 0} added, ${file.deletions ?? 0} removed`);
  const mode = modeChange(file);
  if (mode) parts.push(`mode ${mode}`);
  if (file.oldPath && file.oldPath !== file.path) parts.push(`from ${file.oldPath}`);
  if (file.uncommitted) parts.push('uncommitted');
  return parts.join(', ');
}

export function shortCommit(id: string): string {
  return id.slice(0, 7);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
