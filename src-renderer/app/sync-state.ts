import type { RpcClient } from '../../src-shared/contract';
import { useAgentSettings } from '../features/agent-settings/agent-settings-slice';
import { subscribeAttention } from '../features/attention/subscribe-attention';
import { fetchAttempts, subscribeAttempts, syncAttempts } from '../features/attempts/attempts-slice';
import { useApprovals } from '../features/approvals/approvals-slice';
import { restoreBudgetMarks, subscribeBudgets } from '../features/budgets/budgets-slice';
import {
  fetchConflicts,
  subscribeConflicts,
  syncConflicts,
  useConflicts,
} from '../features/conflicts/conflicts-slice';
import { fetchCliAgents, subscribeCliAgents } from '../features/cli-agents/cli-agents-slice';
import { queueTranscriptEvent, resetTranscripts } from '../features/conversation/transcript-events';
import { usePanes } from '../features/layout/panes-slice';
import { subscribeManagers, syncManagers } from '../features/managers/managers-slice';
import { subscribeMcp } from '../features/mcp/mcp-slice';
import { useNotices } from '../features/notices/notices-slice';
import { useProjects } from '../features/projects/projects-slice';
import { subscribeSkills } from '../features/skills/skills-slice';
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
  client.on('project/updated', ({ project }) => {
    // A repository added after the sync gets its radar started too.
    const known = project.id in useProjects.getState().byId;
    projects.upsert(project);
    if (!known) {
      void fetchConflicts(client, project.id);
      void fetchAttempts(client, project.id);
    }
  });
  client.on('project/removed', ({ projectId }) => {
    projects.remove(projectId);
    useConflicts.getState().remove(projectId);
  });
  subscribeConflicts(client);
  subscribeSkills(client);
  subscribeMcp(client);
  subscribeCliAgents(client);
  subscribeAttempts(client);
  subscribeManagers(client);
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
  client.on('turn/started', ({ turn }) => queueTranscriptEvent(turn.threadId, { type: 'turn', turn }));
  client.on('turn/completed', ({ turn }) => queueTranscriptEvent(turn.threadId, { type: 'turn', turn }));
  client.on('item/started', ({ item }) =>
    queueTranscriptEvent(item.threadId, { type: 'item-started', item }),
  );
  client.on('item/delta', (delta) => queueTranscriptEvent(delta.threadId, { type: 'delta', delta }));
  client.on('item/completed', ({ item }) =>
    queueTranscriptEvent(item.threadId, { type: 'item-completed', item }),
  );
  client.on('approval/requested', ({ approval }) => useApprovals.getState().requested(approval));
  subscribeAttention(client);
  subscribeBudgets(client);
  client.on('approval/resolved', ({ approval }) => useApprovals.getState().resolved(approval.id));

  // A desktop window that reloaded keeps the same pipe: start a new session so the host drops the
  // previous page's terminal attachments and flow-control debts before this page attaches again.
  await client.api.host.hello({});
  const [projectList, threadList, approvalList] = await Promise.all([
    client.api.project.list({}),
    client.api.thread.list({ includeArchived: true }),
    client.api.approval.list({}),
    fetchCliAgents(client),
  ]);
  projects.setAll(projectList.projects);
  threads.setAll(threadList.threads);
  restoreBudgetMarks();
  useApprovals.getState().setAll(approvalList.approvals);
  terminals.reset();
  resetTranscripts();
  useAgentSettings.getState().invalidateAll();
  usePanes.getState().keepOnly(openThreadIds());
  // The radar fills in as each project's matrix arrives; the app does not wait for it.
  syncConflicts(
    client,
    projectList.projects.map((p) => p.id),
  );
  syncAttempts(
    client,
    projectList.projects.map((p) => p.id),
  );
  syncManagers(
    client,
    projectList.projects.map((p) => p.id),
  );
}

function openThreadIds(): Set<string> {
  return new Set(
    Object.values(useThreads.getState().byId)
      .filter((t) => !isArchived(t))
      .map((t) => t.id),
  );
}
