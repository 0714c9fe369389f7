import { randomUUID } from 'node:crypto';
import type { AttemptVariant, Thread } from '../../../src-shared/contract';
import { errorText } from '../error-text';
import { createLogger } from '../log';
import type { AttemptRows } from './attempt-rows';
import { attemptTitle, variantSettings } from './attempt-titles';
import type { ThreadReadiness } from './thread-readiness';
import type { AttemptServiceDeps, GroupRecord, StartAttemptsInput } from './types';

const log = createLogger('attempts');

interface LaunchHooks {
  /** The attempt waits to send its first turn. */
  started(threadId: string): void;
  /** Its first turn was sent, or it failed to be (the error is on the attempt). */
  settled(threadId: string): void;
}

/** Sets the variant's model in the thread's own settings layer, so every later turn keeps it too. */
async function applyVariant(
  deps: Pick<AttemptServiceDeps, 'agents'>,
  thread: Thread,
  variant: AttemptVariant,
): Promise<void> {
  const patch = variantSettings(variant);
  if (Object.keys(patch).length > 0) await deps.agents.settings.set('thread', { threadId: thread.id }, patch);
}

/** Waits for the thread to be ready, then sends it the task as its first turn. */
async function sendFirstTurn(
  deps: Pick<AttemptServiceDeps, 'agents' | 'threads'>,
  rows: AttemptRows,
  readiness: ThreadReadiness,
  threadId: string,
  prompt: string,
): Promise<void> {
  await readiness.wait(deps.threads.get(threadId));
  // Picked before it got going: the other attempt won, this thread is archived.
  if (rows.ofThread(threadId)?.outcome === 'discarded') return;
  await deps.agents.startTurn({ threadId, message: prompt });
}

/**
 * Makes one thread per variant from the same base, stores the group, and in the background sends
 * each its first turn once its worktree is ready. One attempt that fails to start is marked on
 * that attempt; the others go on. Only a failure before any thread exists (a bad base) is thrown.
 */
export async function launchAttempts(
  deps: Pick<AttemptServiceDeps, 'agents' | 'threads'>,
  rows: AttemptRows,
  readiness: ThreadReadiness,
  input: StartAttemptsInput,
  hooks: LaunchHooks,
): Promise<{ group: GroupRecord; launches: Promise<void>[] }> {
  const count = input.variants.length;
  const made: { thread: Thread; variant: AttemptVariant; error: string | null }[] = [];
  for (const [position, variant] of input.variants.entries()) {
    let thread: Thread;
    try {
      thread = await deps.threads.start({
        projectId: input.projectId,
        title: attemptTitle(input.title, position + 1, count, variant),
        base: input.base,
        backend: variant.backend,
      });
    } catch (error) {
      // The first start fails for what would fail them all (the base): say so before anything exists.
      if (made.length === 0) throw error;
      log.warn(`Attempt ${position + 1} of "${input.title}" got no thread`, error);
      continue;
    }
    let error: string | null = null;
    try {
      await applyVariant(deps, thread, variant);
    } catch (cause) {
      error = `Its model could not be set: ${errorText(cause)}`;
    }
    made.push({ thread, variant, error });
  }
  const group: GroupRecord = {
    id: randomUUID(),
    projectId: input.projectId,
    title: input.title.trim(),
    prompt: input.prompt,
    createdAt: Date.now(),
    winnerThreadId: null,
  };
  rows.insert(
    group,
    made.map(({ thread, variant }) => ({ threadId: thread.id, variant })),
  );
  const launches = made.map(async ({ thread, error }) => {
    if (error !== null) {
      rows.setError(thread.id, error);
      hooks.settled(thread.id);
      return;
    }
    hooks.started(thread.id);
    try {
      await sendFirstTurn(deps, rows, readiness, thread.id, input.prompt);
    } catch (cause) {
      rows.setError(thread.id, `The attempt could not start: ${errorText(cause)}`);
    } finally {
      hooks.settled(thread.id);
    }
  });
  return { group, launches };
}
