import { useId, useState, type FormEvent } from 'react';
import type { McpServerEntry, McpTestResult } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { EMPTY_FORM, configFromForm, formFromConfig, type McpFormValues } from './mcp-form';
import { scopeText } from './mcp-labels';
import { refreshMcp } from './mcp-slice';
import { McpTestOutcome } from './mcp-tool-list';
import { HttpFields, StdioFields, TextField } from './mcp-transport-fields';
import type { McpContext } from './use-mcp-list';

type Scope = McpServerEntry['scope'];

interface McpServerFormProps {
  context: McpContext;
  /** The server being edited; none for a new one. */
  editing: McpServerEntry | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/**
 * Adds or edits one server. The schema's messages show once the person first tries to test or
 * save, then follow every keystroke; the host's refusals show under the buttons.
 */
export function McpServerForm({ context, editing, onDone, onCancel }: McpServerFormProps) {
  const [values, setValues] = useState<McpFormValues>(() =>
    editing ? formFromConfig(editing.config) : EMPTY_FORM,
  );
  const [scope, setScope] = useState<Scope>(editing?.scope ?? (context.projectId ? 'project' : 'user'));
  const [attempted, setAttempted] = useState(false);
  const [tested, setTested] = useState<McpTestResult | null>(null);
  const save = useAsyncAction();
  const test = useAsyncAction();
  const scopeId = useId();
  const transportId = useId();
  const checked = configFromForm(values);
  const errors = attempted && !checked.ok ? checked.errors : {};

  const runTest = async () => {
    setAttempted(true);
    setTested(null);
    if (!checked.ok) return;
    const server = checked.config;
    // Kept values (SECRET_KEPT) are the stored ones of the server being edited, in its layer.
    const stored = editing
      ? {
          scope: editing.scope,
          projectId: editing.scope === 'project' ? context.projectId : undefined,
          previousName: editing.config.name,
        }
      : {};
    const result = await test.run(() => requireClient().api.mcp.test({ server, ...stored }));
    if (result) setTested(result);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!checked.ok) return;
    const server = checked.config;
    const saved = await save.run(() =>
      requireClient().api.mcp.save({
        scope,
        projectId: scope === 'project' ? context.projectId : undefined,
        server,
        previousName: editing && editing.config.name !== server.name ? editing.config.name : undefined,
      }),
    );
    if (!saved) return;
    refreshMcp();
    onDone(`Saved ${server.name}.`);
  };

  return (
    <form
      className="mcp-form"
      aria-label={editing ? `Edit ${editing.config.name}` : 'New MCP server'}
      onSubmit={(event) => void submit(event)}
    >
      <div className="mcp-form-columns">
        <div className="mcp-form-fields">
          {editing ? (
            <p className="mcp-fixed-scope">
              <span className="field-label">Scope</span>
              {scopeText(editing.scope)}: to move it, remove it and add it again in the other scope.
            </p>
          ) : (
            <>
              <label htmlFor={scopeId} className="field-label">
                Scope
              </label>
              <select
                id={scopeId}
                className="select"
                value={scope}
                onChange={(event) => setScope(event.target.value as Scope)}
              >
                <option value="user">User: every project</option>
                {context.projectId && <option value="project">This project only</option>}
              </select>
            </>
          )}
          <TextField
            label="Name"
            value={values.name}
            error={errors.name}
            placeholder="tickets"
            hint='Prefixes its tools (mcp__name__tool); letters, digits, "-" and "_".'
            onChange={(name) => setValues({ ...values, name })}
          />
          <label htmlFor={transportId} className="field-label">
            Transport
          </label>
          <select
            id={transportId}
            className="select"
            value={values.transport}
            onChange={(event) =>
              setValues({ ...values, transport: event.target.value as McpFormValues['transport'] })
            }
          >
            <option value="stdio">stdio: a command Skein starts</option>
            <option value="http">Streamable HTTP: a URL</option>
          </select>
          {values.transport === 'stdio' ? (
            <StdioFields values={values} errors={errors} onChange={setValues} />
          ) : (
            <HttpFields values={values} errors={errors} onChange={setValues} />
          )}
        </div>
        <div className="mcp-form-side">
          <p className="mcp-side-title">Test</p>
          <p className="field-hint">
            Starts the server apart from any thread and lists its tools. Nothing is saved.
          </p>
          <button
            type="button"
            className="button small"
            disabled={test.pending}
            onClick={() => void runTest()}
          >
            {test.pending ? 'Testing…' : 'Test'}
          </button>
          {test.pending && (
            <p role="status" className="field-hint">
              Connecting…
            </p>
          )}
          <InlineError message={test.error} />
          {tested && <McpTestOutcome result={tested} />}
        </div>
      </div>
      <InlineError message={save.error} />
      <div className="mcp-form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
