import { useId, useState, type FormEvent } from 'react';
import type { AgentSettingsView } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { describeKeySource, describeKeyStorage } from './settings-form';

type KeyProvider = 'openai' | 'anthropic';

const NAMES: Record<KeyProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/** One provider's key: where it comes from, a box to store a new one, and removal of a stored one. */
function KeyRow({
  provider,
  view,
  onChanged,
}: {
  provider: KeyProvider;
  view: AgentSettingsView;
  onChanged: () => void;
}) {
  const [key, setKey] = useState('');
  const { pending, error, run } = useAsyncAction();
  const inputId = useId();
  const name = NAMES[provider];
  const source = view.keys[provider];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() === '') return;
    const done = await run(() => requireClient().api.agent.setKey({ provider, apiKey: key.trim() }));
    if (!done) return;
    setKey('');
    onChanged();
  };

  const remove = async () => {
    const done = await run(() => requireClient().api.agent.setKey({ provider, apiKey: null }));
    if (done) onChanged();
  };

  return (
    <form className="key-row" onSubmit={(event) => void save(event)}>
      <label htmlFor={inputId} className="field-label">
        {name} API key
      </label>
      <p className="field-hint" aria-label={`${name} key status`}>
        {describeKeySource(source)}
      </p>
      <div className="field-row">
        <input
          id={inputId}
          className="text-input"
          type="password"
          autoComplete="off"
          value={key}
          placeholder={source ? 'Paste a key to replace it' : 'Paste a key'}
          onChange={(event) => setKey(event.target.value)}
        />
        <button type="submit" className="button" disabled={pending || key.trim() === ''}>
          Save {name} key
        </button>
        {source === 'stored' && (
          <button type="button" className="button danger" disabled={pending} onClick={() => void remove()}>
            Remove stored {name} key
          </button>
        )}
      </div>
      <InlineError message={error} />
    </form>
  );
}

/** Provider keys: stored by the host (never in the database, never sent back here). */
export function ApiKeysSection({ view, onChanged }: { view: AgentSettingsView; onChanged: () => void }) {
  return (
    <section className="settings-section" aria-label="API keys">
      <h3 className="settings-heading">API keys</h3>
      <p className="field-hint">Keys stay on the host; this window only learns whether one is set.</p>
      <p className="field-hint" aria-label="Key storage">
        {describeKeyStorage(view.keyStorage)}
      </p>
      <KeyRow provider="openai" view={view} onChanged={onChanged} />
      <KeyRow provider="anthropic" view={view} onChanged={onChanged} />
    </section>
  );
}
