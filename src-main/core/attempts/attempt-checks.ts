import { SkeinError, type CheckResult, type Thread } from '../../../src-shared/contract';
import { errorText } from '../error-text';
import { detectSandbox } from '../sandbox';
import type { AttemptRows } from './attempt-rows';
import type { AttemptServiceDeps } from './types';

/** A check can only run where the worktree is: not in an archived attempt. */
export function requireLiveThread(thread: Thread): Thread {
  if (thread.archivedAt !== null || thread.status === 'archived') {
    throw new SkeinError(
      'INVALID_STATE',
      `"${thread.title}" is archived, so it has no worktree to check or compare. Unarchive it first.`,
      { threadId: thread.id },
    );
  }
  if (thread.status === 'creating') {
    throw new SkeinError(
      'INVALID_STATE',
      `The worktree of "${thread.title}" is still being created. Try again in a moment.`,
      {
        threadId: thread.id,
      },
    );
  }
  return thread;
}

/** The attempt shows `running` at once (its check may wait for a free slot). */
export async function markCheckRunning(
  deps: Pick<AttemptServiceDeps, 'checks'>,
  rows: AttemptRows,
  thread: Thread,
): Promise<void> {
  rows.setCheck(thread.id, {
    command: deps.checks.commandOf(thread.projectId),
    status: 'running',
    exitCode: null,
    output: '',
    // What confines it once it starts (runCheck runs unconfined only where no sandbox exists).
    sandbox: (await detectSandbox()).kind,
    startedAt: Date.now(),
    completedAt: null,
  });
}

/** Runs the check in an attempt's worktree and keeps the result on the attempt. */
export async function finishCheck(
  deps: Pick<AttemptServiceDeps, 'checks'>,
  rows: AttemptRows,
  thread: Thread,
): Promise<CheckResult> {
  let result: CheckResult;
  try {
    result = await deps.checks.run(thread);
  } catch (error) {
    result = {
      command: deps.checks.commandOf(thread.projectId),
      status: 'error',
      exitCode: null,
      output: `The check could not run: ${errorText(error)}`,
      sandbox: 'none',
      startedAt: Date.now(),
      completedAt: Date.now(),
    };
  }
  rows.setCheck(thread.id, result);
  return result;
}
