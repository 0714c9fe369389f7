import { ThreadAgentSettingsDialog } from '../features/agent-settings/thread-agent-settings-dialog';
import { UserAgentSettingsDialog } from '../features/agent-settings/user-agent-settings-dialog';
import { CompareAttemptsDialog } from '../features/attempts/compare-attempts-dialog';
import { RunAttemptsDialog } from '../features/attempts/run-attempts-dialog';
import { RunCliAgentDialog } from '../features/cli-agents/run-cli-agent-dialog';
import { ConflictRadarDialog } from '../features/conflicts/conflict-radar-dialog';
import { ManagerPanelDialog } from '../features/managers/manager-panel-dialog';
import { NewManagerDialog } from '../features/managers/new-manager-dialog';
import { McpDialog } from '../features/mcp/mcp-dialog';
import { ProjectSettingsDialog } from '../features/projects/project-settings-dialog';
import { AddProjectDialog } from '../features/projects/add-project-dialog';
import { SkillsDialog } from '../features/skills/skills-dialog';
import { RemoveProjectDialog } from '../features/projects/remove-project-dialog';
import { CloseTerminalDialog } from '../features/terminal/close-terminal-dialog';
import { DeleteThreadDialog } from '../features/threads/delete-thread-dialog';
import { NewThreadDialog } from '../features/threads/new-thread-dialog';
import { RenameThreadDialog } from '../features/threads/rename-thread-dialog';
import { assertNever } from '../lib/assert-never';
import { CommandPalette } from './command-palette';
import { useDialogs } from './dialogs-slice';

/** Renders whichever modal is open; one at a time. */
export function DialogHost() {
  const dialog = useDialogs((s) => s.dialog);
  const close = useDialogs((s) => s.close);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-project':
      return <AddProjectDialog onClose={close} />;
    case 'remove-project':
      return <RemoveProjectDialog projectId={dialog.projectId} onClose={close} />;
    case 'new-thread':
      return <NewThreadDialog key={dialog.projectId} projectId={dialog.projectId} onClose={close} />;
    case 'rename-thread':
      return <RenameThreadDialog threadId={dialog.threadId} onClose={close} />;
    case 'delete-thread':
      return <DeleteThreadDialog threadId={dialog.threadId} onClose={close} />;
    case 'close-terminal':
      return (
        <CloseTerminalDialog terminalId={dialog.terminalId} threadId={dialog.threadId} onClose={close} />
      );
    case 'palette':
      return <CommandPalette onClose={close} />;
    case 'agent-settings':
      return <UserAgentSettingsDialog onClose={close} />;
    case 'thread-agent-settings':
      return <ThreadAgentSettingsDialog key={dialog.threadId} threadId={dialog.threadId} onClose={close} />;
    case 'conflict-radar':
      return (
        <ConflictRadarDialog
          key={`${dialog.projectId}:${dialog.select?.a ?? ''}:${dialog.select?.b ?? ''}`}
          projectId={dialog.projectId}
          select={dialog.select ?? null}
          onClose={close}
        />
      );
    case 'skills':
      return (
        <SkillsDialog
          key={`${dialog.projectId ?? ''}:${dialog.threadId ?? ''}`}
          context={{ projectId: dialog.projectId, threadId: dialog.threadId }}
          onClose={close}
        />
      );
    case 'mcp':
      return (
        <McpDialog
          key={`${dialog.projectId ?? ''}:${dialog.threadId ?? ''}`}
          context={{ projectId: dialog.projectId, threadId: dialog.threadId }}
          onClose={close}
        />
      );
    case 'run-cli-agent':
      return <RunCliAgentDialog key={dialog.threadId} threadId={dialog.threadId} onClose={close} />;
    case 'run-attempts':
      return <RunAttemptsDialog key={dialog.projectId} projectId={dialog.projectId} onClose={close} />;
    case 'attempt-compare':
      return <CompareAttemptsDialog key={dialog.groupId} groupId={dialog.groupId} onClose={close} />;
    case 'new-manager':
      return <NewManagerDialog key={dialog.projectId} projectId={dialog.projectId} onClose={close} />;
    case 'manager-panel':
      return <ManagerPanelDialog key={dialog.threadId} threadId={dialog.threadId} onClose={close} />;
    case 'project-settings':
      return <ProjectSettingsDialog key={dialog.projectId} projectId={dialog.projectId} onClose={close} />;
    default:
      return assertNever(dialog);
  }
}
