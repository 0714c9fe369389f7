import { createLogger } from '../log';

const log = createLogger('attempts');

/**
 * How long a group waits for more changes before it is measured and sent: a turn's end brings a
 * `thread/updated` and a `turn/completed` together, and N attempts often end close to each other.
 */
export const ATTEMPT_UPDATE_DELAY_MS = 300;

export interface GroupUpdates {
  /** Measures `threadIds` (their diff) and sends the group, once no change came for the delay. */
  schedule(groupId: string, threadIds: string[]): void;
  /** Resolves once nothing is scheduled or being sent. */
  idle(): Promise<void>;
  /** Drops what is scheduled and waits for a send under way (it reads the database). */
  dispose(): Promise<void>;
}

/** Debounces a group's `attempt/updated`: the threads to re-measure add up while it waits. */
export function createGroupUpdates(
  send: (groupId: string, measure: Set<string>) => Promise<void>,
  delayMs = ATTEMPT_UPDATE_DELAY_MS,
): GroupUpdates {
  const pending = new Map<string, { timer: NodeJS.Timeout; measure: Set<string> }>();
  const running = new Set<Promise<void>>();
  let disposed = false;

  const fire = (groupId: string) => {
    const entry = pending.get(groupId);
    if (!entry) return;
    pending.delete(groupId);
    const sending = send(groupId, entry.measure)
      .catch((error: unknown) => log.warn(`Could not update attempt group ${groupId}`, error))
      .finally(() => running.delete(sending));
    running.add(sending);
  };

  return {
    schedule(groupId, threadIds) {
      if (disposed) return;
      const entry = pending.get(groupId);
      if (entry) clearTimeout(entry.timer);
      const measure = entry?.measure ?? new Set<string>();
      for (const threadId of threadIds) measure.add(threadId);
      pending.set(groupId, { timer: setTimeout(() => fire(groupId), delayMs), measure });
    },
    async idle() {
      while (pending.size > 0 || running.size > 0) {
        for (const groupId of [...pending.keys()]) {
          clearTimeout(pending.get(groupId)!.timer);
          fire(groupId);
        }
        await Promise.all([...running]);
      }
    },
    async dispose() {
      disposed = true;
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      await Promise.all([...running]);
    },
  };
}
