import type { FileChangeKind } from '../../../src-shared/contract';
import { SUMMARY_FILES_SHOWN } from './limits';

export interface SummarizedFile {
  path: string;
  change: FileChangeKind;
}

function verbFor(files: SummarizedFile[]): string {
  if (files.every((file) => file.change === 'added' || file.change === 'copied')) return 'Add';
  if (files.every((file) => file.change === 'deleted')) return 'Remove';
  if (files.every((file) => file.change === 'renamed')) return 'Rename';
  return 'Update';
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A commit message made from the changed files alone, when the thread's model cannot propose one:
 * "Update app.ts", "Add 3 files: a.ts, b.ts, c.md", "Update 12 files: a.ts, b.ts, c.ts and 9 more".
 */
export function summaryCommitMessage(files: SummarizedFile[]): string {
  if (files.length === 0) return 'Update files';
  const verb = verbFor(files);
  if (files.length === 1) return `${verb} ${files[0]!.path}`;
  const names = files.slice(0, SUMMARY_FILES_SHOWN).map((file) => baseName(file.path));
  const rest = files.length - names.length;
  const listed = rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ');
  return `${verb} ${files.length} files: ${listed}`;
}
