import type { Item } from '../../../src-shared/contract';
import { Collapsible } from './collapsible';
import { MessageText } from './message-text';

type ReasoningItem = Extract<Item, { kind: 'reasoning' }>;
type ToolCallItem = Extract<Item, { kind: 'tool_call' }>;
type PlanItem = Extract<Item, { kind: 'plan' }>;
type CompactionItem = Extract<Item, { kind: 'compaction' }>;
type PlanStatus = PlanItem['steps'][number]['status'];

/** Arguments as the model sent them, indented when they are JSON. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function ReasoningItemView({ item }: { item: ReasoningItem }) {
  const thinking = item.status === 'in_progress';
  return (
    <article className="item reasoning-item" aria-label="Reasoning">
      <Collapsible
        label="Reasoning"
        summary={<span className="item-dim">{thinking ? 'Thinking…' : 'Reasoning'}</span>}
      >
        <div className="reasoning-text">
          <MessageText text={item.text} />
        </div>
      </Collapsible>
    </article>
  );
}

export function ToolCallItemView({ item }: { item: ToolCallItem }) {
  return (
    <article className="item tool-item" aria-label={`Tool call ${item.tool}`}>
      <Collapsible
        label={`Tool call: ${item.tool}`}
        summary={
          <span className="command-summary">
            <code className="command-line">{item.tool}</code>
            {item.status === 'in_progress' && <span className="item-state tone-busy">Running</span>}
            {item.status === 'failed' && <span className="item-state tone-bad">Failed</span>}
            {item.status === 'declined' && <span className="item-state tone-muted">Declined</span>}
          </span>
        }
      >
        <pre className="command-output">{prettyJson(item.arguments)}</pre>
        {item.output !== null && item.output !== '' && (
          <pre className="command-output" aria-label={`Result of ${item.tool}`}>
            {item.output}
          </pre>
        )}
      </Collapsible>
    </article>
  );
}

const STEP_MARK: Record<PlanStatus, { mark: string; words: string }> = {
  completed: { mark: '✓', words: 'done' },
  in_progress: { mark: '◐', words: 'in progress' },
  pending: { mark: '○', words: 'to do' },
};

export function PlanItemView({ item }: { item: PlanItem }) {
  const done = item.steps.filter((step) => step.status === 'completed').length;
  return (
    <article className="item plan-item" aria-label="Plan">
      <header className="plan-header">
        <strong>Plan</strong>
        <span className="item-meta">
          {done} of {item.steps.length} done
        </span>
      </header>
      {item.explanation && <p className="item-note">{item.explanation}</p>}
      <ul className="plan-steps">
        {item.steps.map((step, index) => (
          <li key={index} className={`plan-step step-${step.status}`}>
            <span className="plan-mark" aria-hidden="true">
              {STEP_MARK[step.status].mark}
            </span>
            <span>{step.step}</span>
            <span className="sr-only"> ({STEP_MARK[step.status].words})</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

export function CompactionItemView({ item }: { item: CompactionItem }) {
  const running = item.status === 'in_progress';
  return (
    <article className="item compaction-item" aria-label="Conversation compacted">
      <Collapsible
        label="Compaction summary"
        summary={
          <span className="item-dim">
            {running
              ? 'Compacting the conversation…'
              : `Earlier conversation compacted into a summary (${item.replacedItems} items)`}
          </span>
        }
      >
        <div className="reasoning-text">
          <MessageText text={item.summary} />
        </div>
      </Collapsible>
    </article>
  );
}
