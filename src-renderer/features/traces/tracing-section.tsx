import { useEffect, useState, type FormEvent } from 'react';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { KeyValueRows } from '../mcp/key-value-rows';
import { recordFromRows, type KeyValueRow } from '../mcp/mcp-form';
import '../mcp/mcp.css';
import './traces.css';

interface Values {
  endpoint: string;
  /** Stored values arrive as SECRET_KEPT and are sent back so: the host keeps them. */
  headers: KeyValueRow[];
  includeContent: boolean;
}

/** Where traces go besides this computer: an OTLP/HTTP collector, off until the user sets one. */
export function TracingSection() {
  const [values, setValues] = useState<Values | null>(null);
  const [saved, setSaved] = useState(false);
  const { pending, error, setError, run } = useAsyncAction();
  useEffect(() => {
    let live = true;
    void run(() => requireClient().api.trace.getSettings({})).then((settings) => {
      if (live && settings) {
        setValues({
          endpoint: settings.otlpEndpoint ?? '',
          headers: Object.entries(settings.otlpHeaders).map(([key, value]) => ({ key, value })),
          includeContent: settings.includeContent,
        });
      }
    });
    return () => {
      live = false;
    };
  }, [run]);

  if (!values) return <InlineError message={error} />;
  const change = (patch: Partial<Values>) => {
    setSaved(false);
    setValues({ ...values, ...patch });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = recordFromRows(values.headers, 'header');
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    const endpoint = values.endpoint.trim();
    const updated = await run(() =>
      requireClient().api.trace.setSettings({
        otlpEndpoint: endpoint === '' ? null : endpoint,
        otlpHeaders: parsed.record,
        includeContent: values.includeContent,
      }),
    );
    if (updated) setSaved(true);
  };

  return (
    <form className="settings-section" aria-label="Tracing" onSubmit={(event) => void submit(event)}>
      <h3 className="settings-heading">Tracing</h3>
      <p className="field-hint">
        Every thread&apos;s timeline stays on this computer. To also send finished turns to an OpenTelemetry
        collector, give its OTLP/HTTP traces URL; leave it empty to send nothing.
      </p>
      <label className="field-label" htmlFor="tracing-endpoint">
        OTLP endpoint
      </label>
      <input
        id="tracing-endpoint"
        className="text-input mono"
        type="url"
        placeholder="http://localhost:4318/v1/traces"
        value={values.endpoint}
        onChange={(event) => change({ endpoint: event.target.value })}
      />
      <KeyValueRows
        legend="Headers"
        noun="Header"
        rows={values.headers}
        keyPlaceholder="Authorization"
        hint="Sent with every export. Their values are sealed in Skein's key store, never in its database."
        onChange={(headers) => change({ headers })}
      />
      <label className="field-row trace-include-setting">
        <input
          type="checkbox"
          checked={values.includeContent}
          onChange={(event) => change({ includeContent: event.target.checked })}
        />
        Include prompts, outputs and command lines in exported spans
      </label>
      <InlineError message={error} />
      <div className="settings-save">
        {saved && (
          <span className="field-hint" role="status">
            Saved.
          </span>
        )}
        <button type="submit" className="button primary" disabled={pending}>
          Save tracing
        </button>
      </div>
    </form>
  );
}
