import { useState } from 'react';
import type { ProviderKind, Thread } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { runsOf, useReviewAgent } from './review-agent-slice';

type ReviewerChoice = '' | ProviderKind | 'codex';

/**
 * Who reviews: the thread's own model, one of the built-in providers (its default model unless
 * named), or Codex (`codex exec`, its configured model unless named).
 */
const REVIEWERS: { value: ReviewerChoice; label: string }[] = [
  { value: '', label: "Thread's model" },
  { value: 'openai', label: 'OpenAI' },
  { value: 'openai-chat', label: 'OpenAI-compatible (Chat)' },
  { value: 'anthropic', label: 'Anthropic' },
  { value: 'ollama', label: 'Ollama' },
  { value: 'codex', label: 'Codex' },
];

function runParams(choice: ReviewerChoice, model: string) {
  const named = model.trim() ? { model: model.trim() } : {};
  if (choice === 'codex') return { reviewer: 'codex' as const, ...named };
  return { ...(choice ? { provider: choice } : {}), ...named };
}

/** The review toolbar's "Review with agent": the reviewer to use, and start or cancel. */
export function ReviewAgentControls({ thread }: { thread: Thread }) {
  const [provider, setProvider] = useState<ReviewerChoice>('');
  const [model, setModel] = useState('');
  const [starting, setStarting] = useState(false);
  const active = useReviewAgent((s) => runsOf(s.runs, thread.id).find((run) => run.status === 'running'));

  const start = async () => {
    setStarting(true);
    try {
      const { run } = await requireClient().api.reviewAgent.run({
        threadId: thread.id,
        ...runParams(provider, model),
      });
      useReviewAgent.getState().upsert(run);
    } catch (error) {
      reportError(error);
    } finally {
      setStarting(false);
    }
  };

  const cancel = (runId: string) => {
    requireClient()
      .api.reviewAgent.cancel({ runId })
      .then(({ run }) => useReviewAgent.getState().upsert(run), reportError);
  };

  return (
    <div className="review-agent-controls" role="group" aria-label="Review agent">
      <select
        className="select review-agent-provider"
        aria-label="Reviewer model"
        value={provider}
        onChange={(event) => setProvider(event.target.value as ReviewerChoice)}
      >
        {REVIEWERS.map((reviewer) => (
          <option key={reviewer.value} value={reviewer.value}>
            {reviewer.label}
          </option>
        ))}
      </select>
      {provider !== '' && (
        <input
          className="text-input review-agent-model"
          aria-label="Reviewer model name (optional)"
          placeholder="default model"
          value={model}
          onChange={(event) => setModel(event.target.value)}
        />
      )}
      {active ? (
        <button type="button" className="button small" onClick={() => cancel(active.id)}>
          Cancel review
        </button>
      ) : (
        <button
          type="button"
          className="button small"
          disabled={starting}
          title="A reviewer model reads this thread's changes against its base and lists findings"
          onClick={() => void start()}
        >
          {starting ? 'Starting review…' : 'Review with agent'}
        </button>
      )}
    </div>
  );
}
