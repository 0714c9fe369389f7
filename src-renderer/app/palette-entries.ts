import type { Project, Thread } from '../../src-shared/contract';
import { useApprovals } from '../features/approvals/approvals-slice';
import { usePaneViews } from '../features/layout/pane-views-slice';
import { usePanes } from '../features/layout/panes-slice';
import { interruptTurn } from '../features/conversation/turn-actions';
import { reportError } from '../features/notices/notices-slice';
import { archiveThread } from '../features/threads/thread-actions';
import { describeStatus } from '../features/threads/thread-status';
import { openMcpForProject } from '../features/mcp/open-mcp';
import { openSkillsForProject } from '../features/skills/open-skills';
import { shortcutLabel } from '../lib/keymap';
import { setTerminalGpuEnabled, terminalGpuEnabled } from '../lib/preferences';
import {
  focusPane,
  focusedThreadId,
  newTerminalInFocusedThread,
  startNewThread,
  stepThread,
} from './commands';
import { useDialogs } from './dialogs-slice';

export interface PaletteEntry {
  id: string;
  label: string;
  /** Right-aligned hint: a shortcut, or a thread's project and status. */
  hint?: string;
  group: 'Actions' | 'Threads';
  run: () => void;
}

export function buildPaletteEntries(
  projects: Project[],
  threads: Thread[],
  paneCount: number,
): PaletteEntry[] {
  const show = useDialogs.getState().show;
  const focused = focusedThreadId();
  const focusedThread = threads.find((t) => t.id === focused);
  const actions: PaletteEntry[] = [
    {
      id: 'new-thread',
      label: 'New thread…',
      hint: shortcutLabel('new-thread'),
      group: 'Actions',
      run: startNewThread,
    },
    ...(projects.length > 1
      ? projects.map<PaletteEntry>((p) => ({
          id: `new-thread-${p.id}`,
          label: `New thread in ${p.name}…`,
          group: 'Actions',
          run: () => show({ kind: 'new-thread', projectId: p.id }),
        }))
      : []),
    ...projects.flatMap<PaletteEntry>((p) => {
      const where = projects.length > 1 ? ` in ${p.name}` : '';
      return [
        {
          id: `run-attempts-${p.id}`,
          label: `Run attempts${where}…`,
          group: 'Actions',
          run: () => show({ kind: 'run-attempts', projectId: p.id }),
        },
        {
          id: `new-manager-${p.id}`,
          label: `New manager thread${where}…`,
          group: 'Actions',
          run: () => show({ kind: 'new-manager', projectId: p.id }),
        },
        {
          id: `project-settings-${p.id}`,
          label: `Repository settings of ${p.name}…`,
          group: 'Actions',
          run: () => show({ kind: 'project-settings', projectId: p.id }),
        },
      ];
    }),
    {
      id: 'add-project',
      label: 'Add repository…',
      group: 'Actions',
      run: () => show({ kind: 'add-project' }),
    },
    ...projects.map<PaletteEntry>((p) => ({
      id: `conflict-radar-${p.id}`,
      label: `Conflict radar for ${p.name}`,
      group: 'Actions',
      run: () => show({ kind: 'conflict-radar', projectId: p.id }),
    })),
    {
      id: 'approvals',
      label: 'Open approvals inbox',
      group: 'Actions',
      run: () => useApprovals.getState().setInboxOpen(true),
    },
    {
      id: 'skills',
      label: 'Skills…',
      group: 'Actions',
      run: openSkillsForProject,
    },
    {
      id: 'mcp',
      label: 'MCP servers…',
      group: 'Actions',
      run: openMcpForProject,
    },
    {
      id: 'agent-settings',
      label: 'Agent settings: models, keys, rules…',
      group: 'Actions',
      run: () => show({ kind: 'agent-settings' }),
    },
    {
      id: 'next-thread',
      label: 'Next thread',
      hint: shortcutLabel('next-thread'),
      group: 'Actions',
      run: () => stepThread(1),
    },
    {
      id: 'prev-thread',
      label: 'Previous thread',
      hint: shortcutLabel('previous-thread'),
      group: 'Actions',
      run: () => stepThread(-1),
    },
    ...Array.from({ length: paneCount }, (_, i): PaletteEntry => ({
      id: `focus-pane-${i + 1}`,
      label: `Focus pane ${i + 1}`,
      hint: shortcutLabel(`focus-pane-${i + 1}` as 'focus-pane-1'),
      group: 'Actions',
      run: () => focusPane(i),
    })),
    {
      id: 'gpu',
      label: terminalGpuEnabled() ? 'Turn off GPU terminal rendering' : 'Turn on GPU terminal rendering',
      group: 'Actions',
      run: () => {
        setTerminalGpuEnabled(!terminalGpuEnabled());
        window.location.reload();
      },
    },
  ];
  if (focusedThread) {
    const id = focusedThread.id;
    actions.push(
      { id: 'new-terminal', label: 'New terminal', group: 'Actions', run: newTerminalInFocusedThread },
      {
        id: 'show-conversation',
        label: 'Show conversation',
        group: 'Actions',
        run: () => usePaneViews.getState().show(id, 'conversation'),
      },
      {
        id: 'show-trace',
        label: 'Show trace (timeline, tokens and cost)',
        group: 'Actions',
        run: () => usePaneViews.getState().show(id, 'trace'),
      },
      {
        id: 'interrupt',
        label: `Interrupt the agent in "${focusedThread.title}"`,
        group: 'Actions',
        run: () => void interruptTurn(id).catch(reportError),
      },
      {
        id: 'run-cli-agent',
        label: `Run a CLI agent in "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'run-cli-agent', threadId: id }),
      },
      {
        id: 'thread-skills',
        label: `Skills for "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'skills', projectId: focusedThread.projectId, threadId: id }),
      },
      {
        id: 'thread-mcp',
        label: `MCP servers for "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'mcp', projectId: focusedThread.projectId, threadId: id }),
      },
      {
        id: 'thread-agent-settings',
        label: `Agent settings for "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'thread-agent-settings', threadId: id }),
      },
      {
        id: 'close-pane',
        label: 'Close pane',
        group: 'Actions',
        run: () => usePanes.getState().close(usePanes.getState().focused),
      },
      {
        id: 'rename',
        label: `Rename thread "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'rename-thread', threadId: id }),
      },
      {
        id: 'archive',
        label: `Archive thread "${focusedThread.title}"`,
        group: 'Actions',
        run: () => void archiveThread(id),
      },
      {
        id: 'delete',
        label: `Delete thread "${focusedThread.title}"…`,
        group: 'Actions',
        run: () => show({ kind: 'delete-thread', threadId: id }),
      },
    );
  }
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const threadEntries = threads.map<PaletteEntry>((thread) => ({
    id: `thread-${thread.id}`,
    label: thread.title,
    hint: `${projectName.get(thread.projectId) ?? ''} · ${describeStatus(thread.status).label}`,
    group: 'Threads',
    run: () => usePanes.getState().open(thread.id),
  }));
  return [...actions, ...threadEntries];
}
