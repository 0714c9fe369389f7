import { focusedThreadId } from '../../app/commands';
import { useDialogs } from '../../app/dialogs-slice';
import { sortProjects, useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';

/** MCP servers for the focused thread's project, else the first project, else the user's only. */
export function openMcpForProject(): void {
  const threadId = focusedThreadId();
  const projectId =
    (threadId && useThreads.getState().byId[threadId]?.projectId) ??
    sortProjects(useProjects.getState().byId)[0]?.id;
  useDialogs.getState().show({ kind: 'mcp', projectId });
}
