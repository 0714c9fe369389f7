import { SkeinError } from '../../../src-shared/contract';
import { snapshotWorktree, type GitQueue } from '../git';
import { createLogger } from '../log';
import { rawDiff } from './diff-git';
import { PROPOSAL_DIFF_LIMIT_CHARS } from './limits';
import { requireWorktree } from './review-thread';
import { summaryCommitMessage } from './summary-message';
import type { ReviewServiceDeps } from './types';

const log = createLogger('review');

/** The stat, then as much of the patch as fits: the model sees every file name even when the patch is cut. */
async function boundedDiffText(git: GitQueue, worktree: string, from: string, to: string): Promise<string> {
  const plain = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '-M'];
  const [stat, patch] = await Promise.all([
    git.run([...plain, '--stat=200', from, to], { cwd: worktree }),
    git.run([...plain, from, to], { cwd: worktree }),
  ]);
  const text = `${stat.stdout}\n${patch.stdout}`;
  if (text.length <= PROPOSAL_DIFF_LIMIT_CHARS) return text;
  const cut = text.length - PROPOSAL_DIFF_LIMIT_CHARS;
  return `${text.slice(0, PROPOSAL_DIFF_LIMIT_CHARS)}\n[diff cut here: ${cut} more characters]\n`;
}

/**
 * A commit message for the thread's uncommitted work: the thread's model writes it from a bounded
 * diff; when it cannot (no model configured, an error, an empty answer), one made from the file list.
 */
export async function proposeCommitMessage(
  deps: ReviewServiceDeps,
  threadId: string,
): Promise<{ message: string; source: 'agent' | 'summary' }> {
  const { thread, worktree } = requireWorktree(deps, threadId);
  const snapshot = await snapshotWorktree(deps.git, worktree, { message: 'Skein commit message snapshot' });
  if (!snapshot.changed) {
    throw new SkeinError('INVALID_STATE', `"${thread.title}" has no uncommitted changes to describe.`, {
      threadId,
    });
  }
  const [changes, diffText] = await Promise.all([
    rawDiff(deps.git, worktree, snapshot.head, snapshot.commit),
    boundedDiffText(deps.git, worktree, snapshot.head, snapshot.commit),
  ]);
  try {
    const proposed = (await deps.agents.proposeCommitMessage(threadId, diffText))?.trim();
    if (proposed) return { message: proposed, source: 'agent' };
  } catch (error) {
    log.warn(`The model could not propose a commit message for thread ${threadId}; using a summary`, error);
  }
  const files = [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { message: summaryCommitMessage(files), source: 'summary' };
}
