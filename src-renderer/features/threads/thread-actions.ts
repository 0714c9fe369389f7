import { requireClient } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { useThreads } from './threads-slice';

export async function archiveThread(threadId: string): Promise<void> {
  try {
    useThreads.getState().upsert(await requireClient().api.thread.archive({ threadId }));
  } catch (error) {
    reportError(error);
  }
}

export async function unarchiveThread(threadId: string): Promise<void> {
  try {
    useThreads.getState().upsert(await requireClient().api.thread.unarchive({ threadId }));
  } catch (error) {
    reportError(error);
  }
}
