import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What git's own state files say about a rebase under way in a worktree. */
export interface RebaseProgress {
  backend: 'merge' | 'apply';
  /** As git wrote them: full ids in practice, resolved again before they are reported. */
  onto: string | null;
  origHead: string | null;
  /** `refs/heads/<branch>` being rebased, or null for a detached HEAD. */
  headName: string | null;
  step: number | null;
  total: number | null;
  /** The commit being replayed where git stopped, when it says. */
  stoppedAt: string | null;
  /** Git's autostash commit, re-applied when the rebase ends. */
  autostash: string | null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function readInt(file: string): number | null {
  const text = readText(file);
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number.parseInt(text, 10);
}

/** The commit of the last `pick`-like line of the `done` file: the one git was replaying. */
export function lastDoneCommit(done: string): string | null {
  const lines = done
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines.reverse()) {
    const match = /^(?:p|pick|r|reword|e|edit|s|squash|f|fixup)\s+(?:-[cC]\s+)?([0-9a-f]{7,64})\b/.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

function nonEmpty(text: string | null): string | null {
  return text === null || text === '' ? null : text;
}

/**
 * Reads `rebase-merge/` (the default backend) or `rebase-apply/` (`--apply`) in a worktree's git
 * directory; null when no rebase is under way. `git am` also uses `rebase-apply/` and is not a rebase.
 */
export function readRebaseProgress(gitDir: string): RebaseProgress | null {
  const merge = join(gitDir, 'rebase-merge');
  if (existsSync(merge)) {
    const rebaseHead = nonEmpty(readText(join(gitDir, 'REBASE_HEAD')));
    const stopped = nonEmpty(readText(join(merge, 'stopped-sha')));
    const done = readText(join(merge, 'done'));
    return {
      backend: 'merge',
      onto: nonEmpty(readText(join(merge, 'onto'))),
      origHead: nonEmpty(readText(join(merge, 'orig-head'))),
      headName: headName(readText(join(merge, 'head-name'))),
      step: readInt(join(merge, 'msgnum')),
      total: readInt(join(merge, 'end')),
      stoppedAt: rebaseHead ?? stopped ?? (done === null ? null : lastDoneCommit(done)),
      autostash: nonEmpty(readText(join(merge, 'autostash'))),
    };
  }
  const apply = join(gitDir, 'rebase-apply');
  if (existsSync(apply) && !existsSync(join(apply, 'applying'))) {
    return {
      backend: 'apply',
      onto: nonEmpty(readText(join(apply, 'onto'))),
      origHead: nonEmpty(readText(join(apply, 'orig-head'))),
      headName: headName(readText(join(apply, 'head-name'))),
      step: readInt(join(apply, 'next')),
      total: readInt(join(apply, 'last')),
      stoppedAt:
        nonEmpty(readText(join(gitDir, 'REBASE_HEAD'))) ?? nonEmpty(readText(join(apply, 'original-commit'))),
      autostash: nonEmpty(readText(join(apply, 'autostash'))),
    };
  }
  return null;
}

function headName(text: string | null): string | null {
  return text === null || text === 'detached HEAD' || text === '' ? null : text;
}
