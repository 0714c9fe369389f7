import { realpath } from 'node:fs/promises';
import { SkeinError } from '../../../../../src-shared/contract/errors';
import { commitWrites } from './commit-writes';
import { parsePatch } from './parse-patch';
import { planPatch } from './plan-patch';
import type { ApplyPatchSummary } from './types';

/**
 * Applies a Codex-grammar patch inside a worktree: parse, confine every path, compute every new
 * file in memory, then write. Either all files change or none do.
 */
export async function applyPatch(worktreeRoot: string, patchText: string): Promise<ApplyPatchSummary> {
  const parsed = parsePatch(patchText);
  const root = await realpath(worktreeRoot).catch(() => {
    throw new SkeinError(
      'PATH_NOT_FOUND',
      `The worktree ${worktreeRoot} does not exist; the thread may have been deleted.`,
      { worktreeRoot },
    );
  });
  const plan = await planPatch(root, parsed);
  await commitWrites(plan.writes);
  return plan.summary;
}

const LETTERS = { add: 'A', update: 'M', move: 'M', delete: 'D' } as const;

/** The reply the model reads, in Codex's words ("Success. Updated the following files: A x, M y"). */
export function formatPatchSummary(summary: ApplyPatchSummary): string {
  const lines = summary.changes.map((change) => {
    const path = change.kind === 'move' ? `${change.path} -> ${change.movePath ?? ''}` : change.path;
    const note = change.overwrote ? ' (replaced an existing file)' : '';
    return `${LETTERS[change.kind]} ${path}${note}`;
  });
  return ['Success. Updated the following files:', ...lines].join('\n');
}
