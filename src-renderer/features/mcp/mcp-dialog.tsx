import { useState } from 'react';
import type { McpServerEntry } from '../../../src-shared/contract';
import { Modal, ModalActions } from '../../app/ui/modal';
import { useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';
import { McpImportView } from './mcp-import-view';
import { sortEntries } from './mcp-labels';
import { McpServerForm } from './mcp-server-form';
import { McpServerRow } from './mcp-server-row';
import { useMcpList, type McpContext } from './use-mcp-list';
import './mcp.css';

type View = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; entry: McpServerEntry } | { kind: 'import' };

const TABS: { kind: 'list' | 'add' | 'import'; label: string }[] = [
  { kind: 'list', label: 'Servers' },
  { kind: 'add', label: 'Add server' },
  { kind: 'import', label: 'Import' },
];

/** Same server in the project's listing: a thread view shows the project's switch beside its own. */
function projectEntryOf(entry: McpServerEntry, projectServers: McpServerEntry[] | null) {
  return projectServers?.find((p) => p.config.name === entry.config.name && p.scope === entry.scope);
}

/** The MCP servers agents use: the user's and a project's, their status, switches, edit and import. */
export function McpDialog({ context, onClose }: { context: McpContext; onClose: () => void }) {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const list = useMcpList(context);
  const project = useProjects((s) => (context.projectId ? s.byId[context.projectId] : undefined));
  const thread = useThreads((s) => (context.threadId ? s.byId[context.threadId] : undefined));
  const title = thread
    ? `MCP servers for ${thread.title}`
    : project
      ? `MCP servers for ${project.name}`
      : 'MCP servers';
  const backToList = (message: string) => {
    setNotice(message);
    setView({ kind: 'list' });
  };
  const servers = list.servers ? sortEntries(list.servers) : null;

  return (
    <Modal title={title} onClose={onClose} size="wide">
      <div className="mcp-dialog">
        <div className="dialog-tabs" role="toolbar" aria-label="MCP server views">
          {TABS.map((tab) => (
            <button
              key={tab.kind}
              type="button"
              className={view.kind === tab.kind ? 'dialog-tab selected' : 'dialog-tab'}
              aria-pressed={view.kind === tab.kind}
              onClick={() => {
                setNotice(null);
                setView({ kind: tab.kind });
              }}
            >
              {tab.label}
            </button>
          ))}
          {!context.projectId && (
            <span className="mcp-context-note">Open from a repository to see its servers and switches.</span>
          )}
        </div>
        {notice && (
          <p role="status" className="mcp-notice">
            {notice}
          </p>
        )}
        {list.error && (
          <p className="inline-error" role="alert">
            {list.error}
          </p>
        )}
        {view.kind === 'list' &&
          (servers ? (
            servers.length === 0 ? (
              <p className="mcp-empty">
                No MCP servers yet: add one or import them from Codex or a .mcp.json.
              </p>
            ) : (
              <ul className="mcp-servers" aria-label="MCP servers">
                {servers.map((entry) => (
                  <McpServerRow
                    key={`${entry.scope}:${entry.config.name}`}
                    entry={entry}
                    projectEntry={projectEntryOf(entry, list.projectServers)}
                    context={context}
                    onEdit={() => {
                      setNotice(null);
                      setView({ kind: 'edit', entry });
                    }}
                    onRemoved={setNotice}
                  />
                ))}
              </ul>
            )
          ) : (
            !list.error && <p role="status">Loading servers…</p>
          ))}
        {(view.kind === 'add' || view.kind === 'edit') && (
          <McpServerForm
            key={view.kind === 'edit' ? `${view.entry.scope}:${view.entry.config.name}` : 'new'}
            context={context}
            editing={view.kind === 'edit' ? view.entry : null}
            onDone={backToList}
            onCancel={() => setView({ kind: 'list' })}
          />
        )}
        {view.kind === 'import' && <McpImportView context={context} onImported={backToList} />}
      </div>
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}
