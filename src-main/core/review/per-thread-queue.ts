/**
 * Runs the edits of one thread one after another (a double-clicked revert, a commit while a revert
 * runs): each starts from a fresh snapshot taken after the previous one finished.
 */
export function createPerThreadQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(threadId: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(threadId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    tails.set(threadId, tail);
    void tail.then(() => {
      if (tails.get(threadId) === tail) tails.delete(threadId);
    });
    return next;
  };
}
