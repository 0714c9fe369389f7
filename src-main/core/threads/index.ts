export { createThreadService } from './thread-service';
export type { ThreadServiceDeps } from './context';
export type { ThreadService } from './types';
export { slugify, uniqueSlug, takenSlugs, THREAD_BRANCH_PREFIX, MAX_SLUG_LENGTH } from './slug';
export { projectWorktreeRoot } from './worktree-paths';
export { BASE_CHECK_INTERVAL_MS } from './pool';
export { keepInTrash, trashRefName } from './trash';
export { createTrashRows, type TrashRows } from './trash-rows';
