import { useId, useState, type FormEvent } from 'react';
import type { McpImportCandidate, McpImportSource, McpServerConfig } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { describeTarget } from './mcp-form';
import { refreshMcp } from './mcp-slice';
import type { McpContext } from './use-mcp-list';

type SourceKind = McpImportSource['kind'];
type Scope = 'user' | 'project';

interface Preview {
  path: string;
  candidates: McpImportCandidate[];
}

function sourceFor(kind: SourceKind, path: string, projectId: string | undefined): McpImportSource | null {
  if (kind === 'codex') return { kind: 'codex' };
  if (kind === 'project') return projectId ? { kind: 'project', projectId } : null;
  return path.trim() === '' ? null : { kind: 'file', path: path.trim() };
}

/** Import: Codex's config.toml, the project's .mcp.json or a named file, previewed, then chosen ones saved. */
export function McpImportView({
  context,
  onImported,
}: {
  context: McpContext;
  onImported: (m: string) => void;
}) {
  const { projectId } = context;
  const [kind, setKind] = useState<SourceKind>(projectId ? 'project' : 'codex');
  const [path, setPath] = useState('');
  const [scope, setScope] = useState<Scope>(projectId ? 'project' : 'user');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const look = useAsyncAction();
  const save = useAsyncAction();
  const kindId = useId();
  const pathId = useId();
  const scopeId = useId();
  const source = sourceFor(kind, path, projectId);
  const layer = { scope, projectId: scope === 'project' ? projectId : undefined };

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    if (!source) return;
    const result = await look.run(() => requireClient().api.mcp.importPreview({ source, ...layer }));
    if (!result) return;
    setPreview(result);
    setChosen(new Set(result.candidates.filter((c) => c.config).map((c) => c.sourceName)));
  };
  // `exists` was checked against one scope: another source or scope needs a fresh preview.
  const reset = () => setPreview(null);
  const servers: McpServerConfig[] = (preview?.candidates ?? [])
    .filter((c) => chosen.has(c.sourceName))
    .flatMap((c) => (c.config ? [c.config] : []));

  const runImport = () =>
    void save
      .run(() => requireClient().api.mcp.import({ ...layer, servers }))
      .then((done) => {
        if (!done) return;
        refreshMcp();
        onImported(`Imported ${servers.map((s) => s.name).join(', ')}.`);
      });

  return (
    <div className="mcp-import">
      <form className="mcp-import-form" aria-label="Import source" onSubmit={(event) => void lookUp(event)}>
        <label htmlFor={kindId} className="field-label">
          Import from
        </label>
        <select
          id={kindId}
          className="select"
          value={kind}
          onChange={(event) => {
            setKind(event.target.value as SourceKind);
            reset();
          }}
        >
          <option value="codex">Codex config.toml</option>
          {projectId && <option value="project">This project&apos;s .mcp.json</option>}
          <option value="file">A file…</option>
        </select>
        {kind === 'file' && (
          <>
            <label htmlFor={pathId} className="field-label">
              File path
            </label>
            <input
              id={pathId}
              className="text-input mono"
              placeholder="/path/to/.mcp.json or config.toml"
              value={path}
              onChange={(event) => {
                setPath(event.target.value);
                reset();
              }}
            />
          </>
        )}
        <label htmlFor={scopeId} className="field-label">
          Import into
        </label>
        <select
          id={scopeId}
          className="select"
          value={scope}
          onChange={(event) => {
            setScope(event.target.value as Scope);
            reset();
          }}
        >
          <option value="user">User: every project</option>
          {projectId && <option value="project">This project only</option>}
        </select>
        <button type="submit" className="button small" disabled={look.pending || !source}>
          {look.pending ? 'Reading…' : 'Preview'}
        </button>
      </form>
      <InlineError message={look.error} />
      {preview && (
        <>
          <p className="mcp-import-path">
            {preview.candidates.length} {preview.candidates.length === 1 ? 'server' : 'servers'} in{' '}
            <span className="mono">{preview.path}</span>
          </p>
          <ul className="mcp-candidates" aria-label="Servers found">
            {preview.candidates.map((candidate) => (
              <li key={candidate.sourceName} className="mcp-candidate">
                <label className="mcp-candidate-main">
                  <input
                    type="checkbox"
                    disabled={!candidate.config}
                    checked={chosen.has(candidate.sourceName)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.target.checked) next.add(candidate.sourceName);
                      else next.delete(candidate.sourceName);
                      setChosen(next);
                    }}
                  />
                  <span className="mcp-server-name mono">{candidate.sourceName}</span>
                  {candidate.exists && candidate.config && (
                    <span className="mcp-chip mcp-replaces">Replaces existing</span>
                  )}
                </label>
                {candidate.config && <p className="mcp-target mono">{describeTarget(candidate.config)}</p>}
                {candidate.problem && (
                  // With a configuration it is a note on what was changed; without one, why it cannot come.
                  <p className={candidate.config ? 'mcp-candidate-note' : 'mcp-candidate-problem'}>
                    {candidate.problem}
                  </p>
                )}
              </li>
            ))}
          </ul>
          <div className="mcp-form-actions">
            <button
              type="button"
              className="button primary"
              disabled={save.pending || servers.length === 0}
              onClick={runImport}
            >
              Import {servers.length} {servers.length === 1 ? 'server' : 'servers'}
            </button>
          </div>
          <InlineError message={save.error} />
        </>
      )}
    </div>
  );
}
