import type { ConflictFileKind } from '../../../src-shared/contract';
import type { MergeTreeDetails } from '../git';

export interface ClassifiedConflict {
  path: string;
  kind: ConflictFileKind;
  messages: string[];
}

/** Informational records that say nothing went wrong. */
const QUIET_TYPES = new Set(['Auto-merging']);

/** The most specific kind git's words name; checked in this order because one path can get several records. */
const KIND_PATTERNS: [ConflictFileKind, RegExp][] = [
  ['binary', /\bbinary\b/i],
  ['modify-delete', /modify\/delete|rename\/delete/i],
  ['rename', /rename|file location|directory rename/i],
  ['add-add', /add\/add/i],
  ['content', /\bcontents?\b/i],
];

function kindOf(words: string[]): ConflictFileKind {
  for (const [kind, pattern] of KIND_PATTERNS) if (words.some((word) => pattern.test(word))) return kind;
  return 'other';
}

/**
 * One entry per conflicted path (in git's order) with its kind and git's messages about it.
 * A rename/delete counts as modify-delete: to the person resolving it one side is simply gone.
 */
export function classifyConflicts(details: MergeTreeDetails): ClassifiedConflict[] {
  const paths: string[] = [];
  for (const stage of details.stages) if (!paths.includes(stage.path)) paths.push(stage.path);
  return paths.map((path) => {
    const records = details.messages.filter(
      (record) => record.paths.includes(path) && !QUIET_TYPES.has(record.type),
    );
    const words = records.flatMap((record) => [record.type, record.message]);
    return { path, kind: kindOf(words), messages: records.map((record) => record.message) };
  });
}
