import type { GitQueue } from '../git';
import { objectSizes } from './diff-git';
import { SIZE_CACHE_ENTRIES } from './limits';

/** Object sizes by id: an id names fixed content, so a size once read never changes. */
export function createSizeCache(capacity = SIZE_CACHE_ENTRIES) {
  const sizes = new Map<string, number>();
  return {
    /** Sizes of `ids`, reading from git only those not seen before (one `cat-file --batch-check`). */
    async read(git: GitQueue, cwd: string, ids: string[]): Promise<Map<string, number>> {
      const unknown = ids.filter((id) => !sizes.has(id));
      for (const [id, size] of await objectSizes(git, cwd, unknown)) {
        sizes.set(id, size);
        if (sizes.size > capacity) sizes.delete(sizes.keys().next().value ?? '');
      }
      const found = new Map<string, number>();
      for (const id of ids) {
        const size = sizes.get(id);
        if (size !== undefined) found.set(id, size);
      }
      return found;
    },
  };
}

export type SizeCache = ReturnType<typeof createSizeCache>;
