import { SkeinError, isSkeinError } from '../../../src-shared/contract';
import { errorText } from '../error-text';
import { createLogger } from '../log';
import type { AttemptRows } from './attempt-rows';
import type { AttemptOutcome, AttemptServiceDeps, GroupRecord } from './types';

const log = createLogger('attempts');

/** As `thread/archive` does it: the agent stops before its worktree goes (its tools would fail mid-step). */
async function archiveAttempt(
  deps: Pick<AttemptServiceDeps, 'agents' | 'threads'>,
  threadId: string,
): Promise<void> {
  try {
    await deps.agents.interrupt(threadId);
  } catch (error) {
    // INVALID_STATE: nothing was running, the usual case.
    if (!isSkeinError(error) || error.kind !== 'INVALID_STATE') throw error;
  }
  await deps.agents.releaseBackend(threadId);
  // The thread service keeps the branch (its commits) and saves uncommitted work to the trash;
  // `thread/unarchive` remakes the worktree and puts that work back.
  await deps.threads.archive(threadId);
}

/**
 * Keeps one attempt and archives the others. Outcomes are stored first, so an attempt still
 * starting sees it lost and sends no turn; an archive that fails is marked on its attempt.
 */
export async function pickWinner(
  deps: Pick<AttemptServiceDeps, 'agents' | 'threads'>,
  rows: AttemptRows,
  group: GroupRecord,
  winnerThreadId: string,
): Promise<void> {
  if (group.winnerThreadId !== null && group.winnerThreadId !== winnerThreadId) {
    throw new SkeinError(
      'INVALID_STATE',
      `"${group.title}" already has a winner. Unarchive another attempt and work on in it if you changed your mind.`,
      { groupId: group.id, winnerThreadId: group.winnerThreadId },
    );
  }
  const winner = deps.threads.get(winnerThreadId);
  if (winner.archivedAt !== null) {
    throw new SkeinError('INVALID_STATE', `"${winner.title}" is archived. Unarchive it before you pick it.`, {
      threadId: winnerThreadId,
    });
  }
  const attempts = rows.attempts(group.id);
  const outcomes = new Map<string, AttemptOutcome>(
    attempts.map((attempt) => [
      attempt.threadId,
      attempt.threadId === winnerThreadId ? 'winner' : 'discarded',
    ]),
  );
  rows.pick(group.id, winnerThreadId, outcomes);
  for (const attempt of attempts) {
    if (attempt.threadId === winnerThreadId) continue;
    try {
      if (deps.threads.get(attempt.threadId).archivedAt === null)
        await archiveAttempt(deps, attempt.threadId);
    } catch (error) {
      if (isSkeinError(error) && error.kind === 'NOT_FOUND') continue;
      log.warn(`Could not archive attempt thread ${attempt.threadId}`, error);
      rows.setError(attempt.threadId, `It could not be archived: ${errorText(error)}`);
    }
  }
}
