import { useEffect, useState } from 'react';
import type { ApprovalRule } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useThreads } from '../threads/threads-slice';

function describeRule(rule: ApprovalRule, threadTitle: string | undefined): string {
  const where = rule.threadId === null ? 'every thread' : `thread "${threadTitle ?? 'deleted thread'}"`;
  switch (rule.kind) {
    case 'command_prefix':
      return `Commands starting with "${rule.prefix.join(' ')}" in ${where}`;
    case 'thread_command':
      return `The command "${rule.prefix.join(' ')}" in ${where}`;
    case 'thread_patches':
      return `File changes in ${where}`;
    case 'tool':
      return `Calls of the tool "${rule.prefix.join(' ')}" in ${where}`;
  }
}

/** The stored "always allow" answers, each removable. */
export function ApprovalRulesSection() {
  const client = useSession((s) => s.client);
  const threads = useThreads((s) => s.byId);
  const [rules, setRules] = useState<ApprovalRule[] | null>(null);
  const { pending, error, setError, run } = useAsyncAction();

  const [loads, setLoads] = useState(0);

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.approval.rules({}).then(
      (result) => {
        if (!cancelled) setRules(result.rules);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, loads, setError]);

  const remove = async (ruleId: string) => {
    const done = await run(() => requireClient().api.approval.removeRule({ ruleId }));
    if (done) setLoads((n) => n + 1);
  };

  return (
    <section className="settings-section" aria-label="Allowed without asking">
      <h3 className="settings-heading">Allowed without asking</h3>
      {rules === null && !error && <p className="field-hint">Loading rules…</p>}
      {rules?.length === 0 && (
        <p className="field-hint">
          No rules yet. &quot;Always allow this command prefix&quot; on an approval adds one.
        </p>
      )}
      {rules && rules.length > 0 && (
        <ul className="rule-list">
          {rules.map((rule) => {
            const text = describeRule(rule, rule.threadId ? threads[rule.threadId]?.title : undefined);
            return (
              <li key={rule.id} className="rule-row">
                <span className="rule-text">{text}</span>
                <button
                  type="button"
                  className="link-button danger"
                  aria-label={`Remove rule: ${text}`}
                  disabled={pending}
                  onClick={() => void remove(rule.id)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <InlineError message={error} />
    </section>
  );
}
