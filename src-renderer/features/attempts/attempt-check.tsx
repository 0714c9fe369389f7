import type { CheckResult } from '../../../src-shared/contract';
import { describeCheck } from './attempt-format';

/** The check's verdict as a badge; its output folds out below. */
export function AttemptCheck({ check, name }: { check: CheckResult | null; name: string }) {
  const { label, tone } = describeCheck(check);
  return (
    <div className="attempt-check">
      <span className={`status status-${tone}`} title={check?.command}>
        <span className="status-dot" aria-hidden="true" />
        {label}
      </span>
      {check && check.status !== 'running' && (
        <details className="attempt-check-output">
          <summary aria-label={`Check output of ${name}`}>Output</summary>
          <p className="attempt-check-command">
            <code>{check.command}</code>
            {check.sandbox === 'none' ? ' · not sandboxed' : ` · sandbox: ${check.sandbox}`}
          </p>
          <pre className="attempt-check-text mono">{check.output.trim() || '(no output)'}</pre>
        </details>
      )}
    </div>
  );
}
