import { useId } from 'react';
import { ArgRows, KeyValueRows } from './key-value-rows';
import type { McpFormErrors, McpFormValues } from './mcp-form';

interface FieldsProps {
  values: McpFormValues;
  errors: McpFormErrors;
  onChange: (values: McpFormValues) => void;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mcp-field-error">
      {message}
    </p>
  );
}

/** A labelled one-line input with its schema message under it. */
export function TextField({
  label,
  value,
  error,
  placeholder,
  hint,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  placeholder?: string;
  hint?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className={error ? 'text-input mono missing' : 'text-input mono'}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && !error && <p className="field-hint">{hint}</p>}
      <FieldError id={errorId} message={error} />
    </>
  );
}

/** Command, arguments, environment and working folder of a server Skein starts. */
export function StdioFields({ values, errors, onChange }: FieldsProps) {
  return (
    <>
      <TextField
        label="Command"
        value={values.command}
        error={errors.command}
        placeholder="npx"
        hint="Looked up on PATH; the server speaks MCP on its standard input and output."
        onChange={(command) => onChange({ ...values, command })}
      />
      <ArgRows args={values.args} error={errors.args} onChange={(args) => onChange({ ...values, args })} />
      <KeyValueRows
        legend="Environment variables"
        noun="Variable"
        rows={values.env}
        keyPlaceholder="API_TOKEN"
        hint="Added to a minimal environment (PATH, HOME, …); Skein's provider keys are never passed on."
        error={errors.env}
        onChange={(env) => onChange({ ...values, env })}
      />
      <TextField
        label="Working folder"
        value={values.cwd}
        error={errors.cwd}
        placeholder="Optional: where the command runs"
        onChange={(cwd) => onChange({ ...values, cwd })}
      />
    </>
  );
}

/** URL and headers of a Streamable HTTP server. */
export function HttpFields({ values, errors, onChange }: FieldsProps) {
  return (
    <>
      <TextField
        label="URL"
        value={values.url}
        error={errors.url}
        placeholder="https://example.com/mcp"
        onChange={(url) => onChange({ ...values, url })}
      />
      <KeyValueRows
        legend="Headers"
        noun="Header"
        rows={values.headers}
        keyPlaceholder="Authorization"
        error={errors.headers}
        onChange={(headers) => onChange({ ...values, headers })}
      />
    </>
  );
}
