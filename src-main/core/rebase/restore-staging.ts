import { resolveCommit } from '../git';
import type { RebaseTarget } from './rebase-thread';
import type { RebaseContext } from './types';

/** Puts back what was staged before the rebase (the autostash brought it back unstaged). */
export async function restoreStaging(
  context: RebaseContext,
  target: RebaseTarget,
  origHead: string | null,
): Promise<void> {
  const started = context.started.get(target.thread.id);
  if (!started?.indexTree || started.origHead !== origHead) return;
  if ((await resolveCommit(context.git, target.worktree, 'HEAD')) !== origHead) return;
  // The files are as they were, so only the index moves; read-tree without -u touches no file.
  await context.git.run(['read-tree', started.indexTree], { cwd: target.worktree });
}
