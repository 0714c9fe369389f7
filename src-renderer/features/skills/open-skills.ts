import { focusedThreadId } from '../../app/commands';
import { useDialogs } from '../../app/dialogs-slice';
import { sortProjects, useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';

/** Skills for the focused thread's project, else the first project, else the user's folders only. */
export function openSkillsForProject(): void {
  const threadId = focusedThreadId();
  const projectId =
    (threadId && useThreads.getState().byId[threadId]?.projectId) ??
    sortProjects(useProjects.getState().byId)[0]?.id;
  useDialogs.getState().show({ kind: 'skills', projectId });
}
