import { useDialogs } from '../../app/dialogs-slice';
import { useThreads } from '../threads/threads-slice';
import { SandboxWarning } from './sandbox-warning';
import { describeEffective, sourceLabel } from './settings-form';
import { useThreadAgentSettings } from './use-thread-agent-settings';

/** What the thread's agent runs with, in one line; opens the thread's pickers. */
export function ThreadAgentBar({ threadId, threadTitle }: { threadId: string; threadTitle: string }) {
  const view = useThreadAgentSettings(threadId);
  const show = useDialogs((s) => s.show);
  const backend = useThreads((s) => s.byId[threadId]?.backend);
  const title = view
    ? `Model from ${sourceLabel(view.effective.sources.model)}, approval policy from ${sourceLabel(
        view.effective.sources.approvalPolicy,
      )}, sandbox from ${sourceLabel(view.effective.sources.sandboxMode)}`
    : undefined;
  return (
    <div className="agent-bar">
      <button
        type="button"
        className="agent-bar-button"
        aria-label={`Agent settings for ${threadTitle}`}
        title={title}
        onClick={() => show({ kind: 'thread-agent-settings', threadId })}
      >
        <span className="agent-bar-icon" aria-hidden="true">
          ⚙
        </span>
        <span className="agent-bar-text mono">
          {view ? describeEffective(view, backend) : 'Agent settings'}
        </span>
      </button>
      <SandboxWarning view={view} />
    </div>
  );
}
