import { useId, useState, type FormEvent } from 'react';
import {
  cliAgentPromptDeliverySchema,
  type CliAgentPromptDelivery,
  type CliAgentTemplate,
} from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { DELIVERY_LABELS, listProblems, problemsFor } from './cli-agent-labels';
import { useTemplateValidation } from './use-template-validation';

function FieldProblems({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="cli-template-problems">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/**
 * A custom agent: executable, arguments (one per row, so nothing is split by a shell) and how the
 * prompt reaches it. The host's problems show under each field as the person types.
 */
export function TemplateForm({
  onSaved,
  onCancel,
}: {
  onSaved: (template: CliAgentTemplate) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [executable, setExecutable] = useState('');
  const [args, setArgs] = useState<string[]>(['{prompt}']);
  const [delivery, setDelivery] = useState<CliAgentPromptDelivery>('argument');
  const {
    problems,
    error: validateError,
    current,
  } = useTemplateValidation({
    executable,
    args,
    promptDelivery: delivery,
  });
  const save = useAsyncAction();
  const ids = { name: useId(), executable: useId(), delivery: useId(), problems: useId() };
  const executableProblems = executable.trim() === '' ? [] : problemsFor(problems, 'executable');
  const canSave = name.trim() !== '' && executable.trim() !== '' && current && problems.length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSave) return;
    const saved = await save.run(() =>
      requireClient().api.cliAgents.saveTemplate({
        name: name.trim(),
        executable: executable.trim(),
        args,
        promptDelivery: delivery,
      }),
    );
    if (saved) onSaved(saved.template);
  };

  return (
    <form
      className="cli-template-form"
      aria-label="New custom agent"
      onSubmit={(event) => void submit(event)}
    >
      <label htmlFor={ids.name} className="field-label">
        Name
      </label>
      <input
        id={ids.name}
        className="text-input"
        value={name}
        maxLength={80}
        placeholder="My agent"
        onChange={(event) => setName(event.target.value)}
      />
      <label htmlFor={ids.executable} className="field-label">
        Executable
      </label>
      <input
        id={ids.executable}
        className="text-input mono"
        value={executable}
        spellCheck={false}
        placeholder="A name on your PATH, or an absolute path"
        aria-invalid={executableProblems.length > 0}
        aria-describedby={executableProblems.length > 0 ? `${ids.problems}-exe` : undefined}
        onChange={(event) => setExecutable(event.target.value)}
      />
      <FieldProblems id={`${ids.problems}-exe`} messages={executableProblems} />
      <fieldset className="cli-template-args">
        <legend className="field-label">Arguments</legend>
        <p className="field-hint">
          One argument per row, passed as is (no shell). {'{prompt}'} and {'{promptFile}'} as a whole argument
          are replaced by the prompt or its file.
        </p>
        {args.map((arg, index) => {
          const messages = problemsFor(problems, 'args', index);
          const problemId = `${ids.problems}-arg-${index}`;
          return (
            <div key={index} className="cli-template-arg">
              <div className="cli-template-arg-row">
                <input
                  className="text-input mono"
                  aria-label={`Argument ${index + 1}`}
                  spellCheck={false}
                  value={arg}
                  aria-invalid={messages.length > 0}
                  aria-describedby={messages.length > 0 ? problemId : undefined}
                  onChange={(event) => setArgs(args.map((a, i) => (i === index ? event.target.value : a)))}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove argument ${index + 1}`}
                  onClick={() => setArgs(args.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              </div>
              <FieldProblems id={problemId} messages={messages} />
            </div>
          );
        })}
        <button type="button" className="button small" onClick={() => setArgs([...args, ''])}>
          Add argument
        </button>
        <FieldProblems id={`${ids.problems}-args`} messages={listProblems(problems)} />
      </fieldset>
      <label htmlFor={ids.delivery} className="field-label">
        Prompt delivery
      </label>
      <select
        id={ids.delivery}
        className="select"
        value={delivery}
        onChange={(event) => setDelivery(event.target.value as CliAgentPromptDelivery)}
      >
        {cliAgentPromptDeliverySchema.options.map((option) => (
          <option key={option} value={option}>
            {DELIVERY_LABELS[option]}
          </option>
        ))}
      </select>
      <FieldProblems id={`${ids.problems}-delivery`} messages={problemsFor(problems, 'promptDelivery')} />
      <InlineError message={validateError ?? save.error} />
      <div className="cli-template-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!canSave || save.pending}>
          Save agent
        </button>
      </div>
    </form>
  );
}
