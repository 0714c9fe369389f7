import { useId, useState, type FormEvent } from 'react';
import type { CliAgentPresetId } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { useThreads } from '../threads/threads-slice';
import { CliAgentChoiceList, type CliAgentChoice } from './cli-agent-choice-list';
import { requestNotificationPermission } from './cli-agent-notification';
import { useCliAgents } from './cli-agents-slice';
import { showAgentTerminal } from './show-cli-agent';
import { TemplateForm } from './template-form';
import { useCliAgentChoices, type CliAgentChoices } from './use-cli-agent-choices';
import './cli-agents.css';

/** The first agent that was found: what most people run. */
function firstFound(choices: CliAgentChoices): CliAgentChoice | null {
  const preset = choices.presets.find((p) => p.detection.found);
  if (preset) return { kind: 'preset', id: preset.id };
  const template = choices.templates.find((t) => t.detection.found);
  return template ? { kind: 'template', id: template.id } : null;
}

/**
 * Starts a command-line agent (Claude Code, Codex, a custom one…) in a new terminal of the thread,
 * with a first prompt handed over safely, then shows that terminal.
 */
export function RunCliAgentDialog({ threadId, onClose }: { threadId: string; onClose: () => void }) {
  const title = useThreads((s) => s.byId[threadId]?.title ?? 'thread');
  const { choices, error: listError, refreshing, refresh } = useCliAgentChoices();
  const [picked, setPicked] = useState<CliAgentChoice | null>(null);
  const [prompt, setPrompt] = useState('');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const start = useAsyncAction();
  const remove = useAsyncAction();
  const promptId = useId();
  const selected = picked ?? (choices ? firstFound(choices) : null);
  const note =
    selected?.kind === 'preset' ? (choices?.presets.find((p) => p.id === selected.id)?.note ?? null) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    requestNotificationPermission();
    const text = prompt.trim() === '' ? undefined : prompt;
    const started = await start.run(() =>
      requireClient().api.cliAgents.start({
        threadId,
        ...(selected.kind === 'preset'
          ? { preset: selected.id as CliAgentPresetId }
          : { templateId: selected.id }),
        ...(text === undefined ? {} : { prompt: text }),
      }),
    );
    if (!started) return;
    useCliAgents.getState().upsert(started.agent);
    showAgentTerminal(threadId, started.terminal.id, started.terminal);
    onClose();
  };

  const removeTemplate = async (templateId: string, name: string) => {
    const done = await remove.run(() => requireClient().api.cliAgents.removeTemplate({ templateId }));
    if (!done) return;
    if (picked?.kind === 'template' && picked.id === templateId) setPicked(null);
    setNotice(`Removed ${name}.`);
    useCliAgents.getState().bumpTemplates();
  };

  return (
    <Modal title={`Run a CLI agent in ${title}`} onClose={onClose} size="wide">
      <div className="cli-agent-dialog">
        <div className="cli-agent-dialog-head">
          <p className="field-hint">
            Agents are looked for on your login shell&apos;s PATH. The prompt is handed over as one argument,
            typed into the terminal, or in a file: never through a shell.
          </p>
          <button type="button" className="button small" disabled={refreshing} onClick={refresh}>
            {refreshing ? 'Looking…' : 'Look again'}
          </button>
        </div>
        {notice && (
          <p role="status" className="field-hint">
            {notice}
          </p>
        )}
        <InlineError message={listError ?? remove.error} />
        {choices ? (
          <CliAgentChoiceList
            choices={choices}
            selected={selected}
            onSelect={setPicked}
            onRemoveTemplate={(id, name) => void removeTemplate(id, name)}
          />
        ) : (
          !listError && <p>Looking for agents…</p>
        )}
        {adding ? (
          <TemplateForm
            onCancel={() => setAdding(false)}
            onSaved={(template) => {
              setAdding(false);
              setNotice(`Saved ${template.name}.`);
              setPicked({ kind: 'template', id: template.id });
              useCliAgents.getState().bumpTemplates();
            }}
          />
        ) : (
          <button type="button" className="link-button" onClick={() => setAdding(true)}>
            Add a custom agent…
          </button>
        )}
        <form className="cli-agent-start" aria-label="Start agent" onSubmit={(event) => void submit(event)}>
          <label htmlFor={promptId} className="field-label">
            Prompt
          </label>
          <textarea
            id={promptId}
            className="text-input cli-agent-prompt"
            rows={5}
            maxLength={200_000}
            value={prompt}
            placeholder="What should the agent do first? (optional for presets)"
            onChange={(event) => setPrompt(event.target.value)}
          />
          {note && <p className="field-hint">{note}</p>}
          <InlineError message={start.error} />
          <ModalActions>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={!selected || start.pending}>
              {start.pending ? 'Starting…' : 'Start'}
            </button>
          </ModalActions>
        </form>
      </div>
    </Modal>
  );
}
