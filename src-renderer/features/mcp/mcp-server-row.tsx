import { useState } from 'react';
import type { McpServerEntry } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useThreads } from '../threads/threads-slice';
import { describeTarget } from './mcp-form';
import { McpEnabledSwitch } from './mcp-enabled-switch';
import { canRestart, scopeText, statusText, statusTone, switchStateAt, toolCountText } from './mcp-labels';
import { refreshMcp } from './mcp-slice';
import { McpToolList } from './mcp-tool-list';
import type { McpContext } from './use-mcp-list';

interface McpServerRowProps {
  entry: McpServerEntry;
  /** The same server as its project sees it, when the view is a thread's. */
  projectEntry: McpServerEntry | undefined;
  context: McpContext;
  onEdit: () => void;
  onRemoved: (message: string) => void;
}

function UsedBy({ threadIds }: { threadIds: readonly string[] }) {
  const byId = useThreads((s) => s.byId);
  const titles = threadIds.map((id) => byId[id]?.title ?? id);
  if (titles.length === 0) return null;
  return <span className="mcp-used-by">Used now by {titles.join(', ')}</span>;
}

/** One server: what it is, how it is doing, where it is on, and what can be done with it. */
export function McpServerRow({ entry, projectEntry, context, onEdit, onRemoved }: McpServerRowProps) {
  const { config } = entry;
  const [confirming, setConfirming] = useState(false);
  const action = useAsyncAction();
  const { projectId, threadId } = context;
  const layerParams = { scope: entry.scope, projectId: entry.scope === 'project' ? projectId : undefined };
  // An overridden user server is not the one this project uses: its switches belong to the winner.
  const switchable = projectId !== undefined && !entry.overridden;
  const projectView = threadId ? projectEntry : entry;

  const restart = () =>
    void action
      .run(() => requireClient().api.mcp.restart({ name: config.name, projectId }))
      .then((done) => done && refreshMcp());
  const remove = () =>
    void action
      .run(() => requireClient().api.mcp.remove({ ...layerParams, name: config.name }))
      .then((done) => {
        if (!done) return;
        refreshMcp();
        onRemoved(`Removed ${config.name}.`);
      });

  return (
    <li
      className={entry.overridden ? 'mcp-server overridden' : 'mcp-server'}
      aria-label={`MCP server ${config.name} (${scopeText(entry.scope)})`}
    >
      <div className="mcp-server-head">
        <span className="mcp-server-name mono">{config.name}</span>
        <span className="mcp-chip">{config.transport === 'stdio' ? 'stdio' : 'HTTP'}</span>
        <span className={`mcp-chip mcp-scope-${entry.scope}`}>{scopeText(entry.scope)}</span>
        {entry.overridden && (
          <span
            className="mcp-chip mcp-overridden"
            title="A project server of the same name replaces it here"
          >
            Overridden by the project&apos;s
          </span>
        )}
        <span className={`status ${statusTone(entry.status)}`} data-status={entry.status}>
          <span className="status-dot" aria-hidden="true" />
          <span className="sr-only">Status: </span>
          {statusText(entry.status)}
          {entry.pid !== null && entry.status === 'running' && (
            <span className="mcp-pid"> · pid {entry.pid}</span>
          )}
        </span>
        <span className="mcp-server-actions">
          {canRestart(entry.status) && (
            <button
              type="button"
              className="button small"
              aria-label={`Restart ${config.name}`}
              disabled={action.pending}
              onClick={restart}
            >
              Restart
            </button>
          )}
          <button type="button" className="button small" aria-label={`Edit ${config.name}`} onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="button small danger"
            aria-label={`Remove ${config.name}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        </span>
      </div>
      <p className="mcp-target mono" title={describeTarget(config)}>
        {describeTarget(config)}
      </p>
      {entry.lastError && (
        <pre className="mcp-last-error mono">
          <span className="sr-only">Last error: </span>
          {entry.lastError}
        </pre>
      )}
      <div className="mcp-server-foot">
        {entry.tools && entry.tools.length > 0 ? (
          <details className="mcp-tools-details">
            <summary>{toolCountText(entry.tools)}</summary>
            <McpToolList tools={entry.tools} label={`Tools of ${config.name}`} />
          </details>
        ) : (
          <span className="mcp-tool-count">{toolCountText(entry.tools)}</span>
        )}
        <UsedBy threadIds={entry.usedBy} />
      </div>
      {switchable && (
        <div className="mcp-switches">
          {projectView && (
            <McpEnabledSwitch
              name={config.name}
              layer="project"
              state={switchStateAt(projectView, 'project')}
              widerEnabled={true}
              projectId={projectId}
            />
          )}
          {threadId && (
            <McpEnabledSwitch
              name={config.name}
              layer="thread"
              state={switchStateAt(entry, 'thread')}
              widerEnabled={projectEntry?.enabled}
              threadId={threadId}
            />
          )}
        </div>
      )}
      {confirming && (
        <div className="mcp-confirm" role="alert">
          <span>
            Remove {config.name} from the {entry.scope === 'user' ? "user's" : "project's"} servers?
          </span>
          <button type="button" className="button small danger" disabled={action.pending} onClick={remove}>
            Yes, remove
          </button>
          <button type="button" className="button small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      <InlineError message={action.error} />
    </li>
  );
}
