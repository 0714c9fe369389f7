import type { RpcClient } from '../../src-shared/contract';
import { usePanes } from '../features/layout/panes-slice';
import { useNotices } from '../features/notices/notices-slice';
import { useProjects } from '../features/projects/projects-slice';
import { dispatchTerminalData } from '../features/terminal/terminal-data-hub';
import { useTerminals } from '../features/terminal/terminals-slice';
import { isArchived, useThreads } from '../features/threads/threads-slice';

/**
 * Wires a fresh connection into the stores: notifications keep them current from now on,
 * then one fetch fills them. Terminal lists are fetched by the panes that show them.
 */
export async function syncStateFrom(client: RpcClient): Promise<void> {
  const projects = useProjects.getState();
  const threads = useThreads.getState();
  const terminals = useTerminals.getState();
  client.on('project/updated', ({ project }) => projects.upsert(project));
  client.on('project/removed', ({ projectId }) => projects.remove(projectId));
  client.on('thread/updated', ({ thread }) => {
    threads.upsert(thread);
    if (isArchived(thread)) usePanes.getState().keepOnly(openThreadIds());
  });
  client.on('thread/removed', ({ threadId }) => {
    threads.remove(threadId);
    usePanes.getState().keepOnly(openThreadIds());
  });
  client.on('terminal/updated', ({ terminal }) => terminals.upsert(terminal));
  client.on('terminal/removed', ({ threadId, terminalId }) => terminals.remove(threadId, terminalId));
  client.on('terminal/data', dispatchTerminalData);
  client.on('host/notice', (notice) => useNotices.getState().addNotice(notice));

  // A desktop window that reloaded keeps the same pipe: start a new session so the host drops the
  // previous page's terminal attachments and flow-control debts before this page attaches again.
  await client.api.host.hello({});
  const [projectList, threadList] = await Promise.all([
    client.api.project.list({}),
    client.api.thread.list({ includeArchived: true }),
  ]);
  projects.setAll(projectList.projects);
  threads.setAll(threadList.threads);
  terminals.reset();
  usePanes.getState().keepOnly(openThreadIds());
}

function openThreadIds(): Set<string> {
  return new Set(
    Object.values(useThreads.getState().byId)
      .filter((t) => !isArchived(t))
      .map((t) => t.id),
  );
}
