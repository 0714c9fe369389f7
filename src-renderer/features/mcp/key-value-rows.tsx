import { useState } from 'react';
import { SECRET_KEPT } from '../../../src-shared/contract';
import type { KeyValueRow } from './mcp-form';

const KEPT_HINT = 'Stored sealed; Skein does not show it. Type a new value to replace it.';

interface KeyValueRowsProps {
  /** The group's name: "Environment variables", "Headers". */
  legend: string;
  /** One row's noun, capitalised: "Variable", "Header". */
  noun: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  keyPlaceholder: string;
  hint?: string;
  error?: string;
}

/**
 * Name/value rows whose values are hidden like passwords (they often hold tokens) until revealed,
 * one row at a time. A stored value comes from the host as SECRET_KEPT (the value itself never
 * leaves it): left alone it is kept; focusing the field selects it so typing replaces it.
 */
export function KeyValueRows({
  legend,
  noun,
  rows,
  onChange,
  keyPlaceholder,
  hint,
  error,
}: KeyValueRowsProps) {
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  const lower = noun.toLowerCase();
  const update = (index: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    // Reveal marks follow their rows up past the removed one.
    setRevealed(new Set([...revealed].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i))));
  };
  const toggle = (index: number) => {
    const next = new Set(revealed);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setRevealed(next);
  };
  return (
    <fieldset className="mcp-rows">
      <legend className="field-label">{legend}</legend>
      {rows.map((row, index) => {
        const kept = row.value === SECRET_KEPT;
        const shown = revealed.has(index) && !kept;
        const n = index + 1;
        return (
          <div className="mcp-row" key={index}>
            <input
              className="text-input mono"
              aria-label={`${noun} ${n} name`}
              placeholder={keyPlaceholder}
              spellCheck={false}
              value={row.key}
              onChange={(event) => update(index, { key: event.target.value })}
            />
            <input
              className="text-input mono"
              aria-label={`${noun} ${n} value`}
              type={shown ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={row.value}
              title={kept ? KEPT_HINT : undefined}
              onFocus={(event) => {
                if (kept) event.target.select();
              }}
              onChange={(event) => update(index, { value: event.target.value })}
            />
            <button
              type="button"
              className="button small"
              aria-label={`${shown ? 'Hide' : 'Show'} ${lower} ${n} value`}
              aria-pressed={shown}
              disabled={kept}
              title={kept ? KEPT_HINT : undefined}
              onClick={() => toggle(index)}
            >
              {shown ? 'Hide' : 'Show'}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${lower} ${n}`}
              onClick={() => remove(index)}
            >
              ×
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        Add {lower}
      </button>
      {hint && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="mcp-field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Command arguments, one per row, so spaces and quotes inside an argument need no escaping. */
export function ArgRows({
  args,
  onChange,
  error,
}: {
  args: string[];
  onChange: (args: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="mcp-rows">
      <legend className="field-label">Arguments</legend>
      {args.map((arg, index) => (
        <div className="mcp-row mcp-arg-row" key={index}>
          <input
            className="text-input mono"
            aria-label={`Argument ${index + 1}`}
            spellCheck={false}
            value={arg}
            onChange={(event) => onChange(args.map((a, i) => (i === index ? event.target.value : a)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove argument ${index + 1}`}
            onClick={() => onChange(args.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...args, ''])}>
        Add argument
      </button>
      {error && (
        <p className="mcp-field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
