import {
  isSkeinError,
  type Attempt,
  type AttemptGroup,
  type Thread,
  type Turn,
} from '../../../src-shared/contract';
import type { AttemptRecord, AttemptServiceDeps, GroupRecord } from './types';

/** Thread statuses in which an attempt is still at work (being made, set up, or its agent running). */
const AT_WORK = new Set<Thread['status']>(['creating', 'setting_up', 'working', 'waiting_approval']);

/** Tokens and cost of all of a thread's turns; the cost is null when any turn's price is unknown. */
export function usageOf(turns: Turn[]): { tokens: number; costUsd: number | null } {
  let tokens = 0;
  let cost = 0;
  let known = true;
  for (const turn of turns) {
    // Cached tokens are part of the input (OpenAI's meaning, which the transcript keeps).
    tokens += turn.usage.inputTokens + turn.usage.outputTokens;
    if (turn.costUsd === null) known = known && turn.usage.inputTokens + turn.usage.outputTokens === 0;
    else cost += turn.costUsd;
  }
  return { tokens, costUsd: known ? cost : null };
}

export function groupStatus(
  group: Pick<GroupRecord, 'winnerThreadId'>,
  attempts: Pick<Attempt, 'thread' | 'error'>[],
  starting: ReadonlySet<string>,
): AttemptGroup['status'] {
  if (group.winnerThreadId !== null) return 'picked';
  const atWork = attempts.some(
    (attempt) => !attempt.error && (AT_WORK.has(attempt.thread.status) || starting.has(attempt.thread.id)),
  );
  return atWork ? 'running' : 'ready';
}

/** The thread of an attempt, or null when it was deleted (the attempt then leaves the group's view). */
function threadOrNull(deps: Pick<AttemptServiceDeps, 'threads'>, threadId: string): Thread | null {
  try {
    return deps.threads.get(threadId);
  } catch (error) {
    if (isSkeinError(error) && error.kind === 'NOT_FOUND') return null;
    throw error;
  }
}

/** A group as the contract shows it, from what is stored and the threads and turns as they are now. */
export function buildGroup(
  deps: Pick<AttemptServiceDeps, 'threads' | 'agents'>,
  group: GroupRecord,
  records: AttemptRecord[],
  starting: ReadonlySet<string>,
): AttemptGroup {
  const attempts: Attempt[] = [];
  for (const record of records) {
    const thread = threadOrNull(deps, record.threadId);
    if (!thread) continue;
    const usage = usageOf(deps.agents.turns(thread.id));
    attempts.push({
      index: record.index,
      thread,
      variant: record.variant,
      diff: record.diff,
      tokens: usage.tokens,
      costUsd: usage.costUsd,
      check: record.check,
      outcome: record.outcome,
      error: record.error,
    });
  }
  return {
    id: group.id,
    projectId: group.projectId,
    title: group.title,
    prompt: group.prompt,
    createdAt: group.createdAt,
    status: groupStatus(group, attempts, starting),
    winnerThreadId: group.winnerThreadId,
    attempts,
  };
}
