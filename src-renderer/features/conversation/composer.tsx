import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { InlineError } from '../../app/ui/modal';
import { isMacPlatform } from '../../lib/keymap';
import { useAsyncAction } from '../../lib/use-async-action';
import { AttachSkill } from '../skills/attach-skill';
import { insertMention } from '../skills/skill-labels';
import { composerKeyAction, stepHistory } from './composer-logic';
import { interruptTurn, sendMessage } from './turn-actions';

interface ComposerProps {
  threadId: string;
  /** A turn is running (or waiting for approval): sending steers it, and it can be interrupted. */
  running: boolean;
  /** Why nothing can be sent yet (the worktree is being prepared), or null. */
  blockedReason: string | null;
  /** The thread's earlier messages, oldest first, for Up/Down (read on demand, not on every render). */
  history: () => readonly string[];
}

/** The message box: Enter (or Mod+Enter) sends, Shift+Enter is a newline, Up/Down recall earlier messages. */
export function Composer({ threadId, running, blockedReason, history }: ComposerProps) {
  const [value, setValue] = useState('');
  const [historyIndex, setHistoryIndex] = useState<number | null>(null);
  const draft = useRef('');
  const send = useAsyncAction();
  const interrupt = useAsyncAction();
  const error = send.error ?? interrupt.error;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = value.trim();
    if (message === '' || send.pending || blockedReason) return;
    interrupt.setError(null);
    const sent = await send.run(async () => {
      await sendMessage(threadId, message, running);
      return true;
    });
    if (!sent) return;
    setValue('');
    setHistoryIndex(null);
    draft.current = '';
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const target = event.currentTarget;
    const entries = history();
    const browsing = historyIndex !== null && entries[historyIndex] === value;
    const action = composerKeyAction(
      {
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        isComposing: event.nativeEvent.isComposing,
      },
      { value, selectionStart: target.selectionStart, selectionEnd: target.selectionEnd },
      browsing,
    );
    if (action === 'none') return;
    event.preventDefault();
    if (action === 'send') return void submit();
    if (historyIndex === null) draft.current = value;
    const index = historyIndex ?? entries.length;
    const step = stepHistory(entries, index, draft.current, action === 'history-back' ? -1 : 1);
    if (!step) return;
    setHistoryIndex(step.index === entries.length ? null : step.index);
    setValue(step.text);
  };

  const sendKey = isMacPlatform ? '⌘↵' : 'Ctrl+↵';
  return (
    <form className="composer" onSubmit={(event) => void submit(event)}>
      <textarea
        className="composer-input"
        aria-label="Message"
        placeholder={
          blockedReason ??
          (running ? 'Steer the agent: it reads this at its next step' : 'Give the agent a task…')
        }
        rows={2}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          if (historyIndex !== null && event.target.value !== history()[historyIndex]) setHistoryIndex(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <span className="composer-hint" aria-hidden="true">
          ↵ or {sendKey} to send · Shift+↵ for a new line · ↑ for earlier messages
        </span>
        <AttachSkill threadId={threadId} onAttach={(name) => setValue((held) => insertMention(held, name))} />
        {running && (
          <button
            type="button"
            className="button small danger"
            disabled={interrupt.pending}
            onClick={() => {
              send.setError(null);
              void interrupt.run(() => interruptTurn(threadId));
            }}
          >
            Interrupt
          </button>
        )}
        <button
          type="submit"
          className="button small primary"
          disabled={send.pending || value.trim() === '' || blockedReason !== null}
        >
          {running ? 'Steer' : 'Send'}
        </button>
      </div>
      <InlineError message={error} />
    </form>
  );
}
