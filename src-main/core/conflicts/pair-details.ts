import type { ConflictFile, ConflictMatrix, PairDetails } from '../../../src-shared/contract';
import { mergeTreeDetails, readBlobAt, type GitQueue } from '../git';
import { createLogger } from '../log';
import { classifyConflicts } from './classify-conflicts';
import { parseConflictMarkers } from './conflict-markers';
import { HUNK_FILE_LIMIT_CHARS } from './limits';

const log = createLogger('conflicts');

/** Kinds whose merged file carries conflict markers worth parsing. */
const KINDS_WITH_MARKERS = new Set<ConflictFile['kind']>(['content', 'add-add']);

export interface PairSides {
  a: string;
  b: string | null;
  /** The commits merged: A's snapshot, and B's snapshot or the base's commit. */
  ours: string;
  theirs: string;
}

/** The cell of `matrix` for (a, b) in either order, for its overlaps. */
function cellOf(matrix: ConflictMatrix, a: string, b: string | null) {
  return matrix.pairs.find(
    (pair) => (pair.a === a && pair.b === b) || (b !== null && pair.a === b && pair.b === a),
  );
}

/**
 * One cell in full: merge-tree with messages, each conflicted path classified, and for text
 * conflicts the merged file's marker regions. Ours is A, theirs is B (or the base).
 */
export async function readPairDetails(
  git: GitQueue,
  cwd: string,
  sides: PairSides,
  matrix: ConflictMatrix,
): Promise<PairDetails> {
  const details = await mergeTreeDetails(git, cwd, sides.ours, sides.theirs);
  const files = await Promise.all(
    classifyConflicts(details).map(async (conflict): Promise<ConflictFile> => {
      if (!KINDS_WITH_MARKERS.has(conflict.kind)) return { ...conflict, hunks: [] };
      try {
        const merged = await readBlobAt(git, cwd, details.tree, conflict.path);
        const hunks = merged.length > HUNK_FILE_LIMIT_CHARS ? [] : parseConflictMarkers(merged);
        return { ...conflict, hunks };
      } catch (error) {
        log.warn(`Reading the merged ${conflict.path} failed`, error);
        return { ...conflict, hunks: [] };
      }
    }),
  );
  const conflicted = new Set(files.map((file) => file.path));
  const overlaps = (cellOf(matrix, sides.a, sides.b)?.overlaps ?? []).filter((path) => !conflicted.has(path));
  const status = files.length > 0 ? 'conflict' : overlaps.length > 0 ? 'overlap' : 'clean';
  return { a: sides.a, b: sides.b, status, files, overlaps };
}
