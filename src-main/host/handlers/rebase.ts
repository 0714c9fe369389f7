import type { RebaseService } from '../../core/rebase';
import type { Router } from '../router';

/** Rebasing a thread onto its base in its worktree, and resolving the conflicts it stops on. */
export function registerRebaseHandlers(router: Router, services: { rebase: RebaseService }): void {
  const { rebase } = services;
  router.register('rebase/start', ({ threadId }) => rebase.start(threadId));
  router.register('rebase/status', ({ threadId }) => rebase.status(threadId));
  router.register('rebase/file', ({ threadId, path }) => rebase.file(threadId, path));
  router.register('rebase/resolve', (params) => rebase.resolve(params));
  router.register('rebase/continue', ({ threadId }) => rebase.continue(threadId));
  router.register('rebase/abort', ({ threadId }) => rebase.abort(threadId));
  router.register('rebase/askAgent', ({ threadId, note }) => rebase.askAgent(threadId, note));
}
