import { useLayoutEffect, useRef } from 'react';
import type { Item } from '../../../src-shared/contract';
import { useApprovals } from '../approvals/approvals-slice';
import { Collapsible } from './collapsible';
import { formatDuration } from './format';

type CommandItem = Extract<Item, { kind: 'command' }>;

/** Within this many pixels of the end, the output view counts as following the output. */
const FOLLOW_SLACK_PX = 24;

function commandState(item: CommandItem, awaitingApproval: boolean): { text: string; tone: string } {
  switch (item.status) {
    case 'in_progress':
      return awaitingApproval
        ? { text: 'Waiting for approval', tone: 'attention' }
        : { text: 'Running', tone: 'busy' };
    case 'completed':
      if (item.timedOut) return { text: 'Timed out', tone: 'bad' };
      if (item.exitCode === null) return { text: 'Done', tone: 'ok' };
      return { text: `Exit code ${item.exitCode}`, tone: item.exitCode === 0 ? 'ok' : 'bad' };
    case 'failed':
      return { text: item.exitCode === null ? 'Failed' : `Exit code ${item.exitCode}`, tone: 'bad' };
    case 'declined':
      return { text: 'Declined', tone: 'muted' };
    case 'interrupted':
      return { text: 'Interrupted', tone: 'muted' };
  }
}

/** Live output that follows new lines while the reader is at its end. */
function CommandOutput({ output, label }: { output: string; label: string }) {
  const ref = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [output]);
  return (
    <pre
      ref={ref}
      className="command-output"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK_PX;
      }}
    >
      {output}
    </pre>
  );
}

export function CommandItemView({ item }: { item: CommandItem }) {
  const awaitingApproval = useApprovals((s) =>
    Object.values(s.pending).some((approval) => approval.itemId === item.id),
  );
  const state = commandState(item, awaitingApproval);
  const failed = item.status === 'failed' || (item.exitCode !== null && item.exitCode !== 0) || item.timedOut;
  return (
    <article className="item command-item" aria-label={`Command ${item.command}`}>
      <Collapsible
        label={`Command: ${item.command}`}
        defaultOpen={item.status === 'in_progress' || failed}
        summary={
          <span className="command-summary">
            <code className="command-line">$ {item.command}</code>
            <span className={`item-state tone-${state.tone}`}>{state.text}</span>
            {item.durationMs !== null && <span className="item-meta">{formatDuration(item.durationMs)}</span>}
          </span>
        }
      >
        {item.reason && <p className="item-note">Why: {item.reason}</p>}
        <p className="item-meta">
          in <code>{item.cwd}</code>
          {item.sandbox ? ` · sandbox: ${item.sandbox}` : ''}
        </p>
        {item.output === '' ? (
          <p className="item-meta">{item.status === 'in_progress' ? 'No output yet.' : 'No output.'}</p>
        ) : (
          <CommandOutput output={item.output} label={`Output of ${item.command}`} />
        )}
      </Collapsible>
    </article>
  );
}
