/** What a key press in the composer does; pure so the rules are tested without a browser. */
export type ComposerKeyAction = 'send' | 'history-back' | 'history-forward' | 'none';

export interface ComposerKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** An IME is composing (Enter picks a candidate, it does not send). */
  isComposing: boolean;
}

export interface ComposerText {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Enter and Mod+Enter send, Shift+Enter is a newline. Up and Down walk the history only when the
 * text is empty or is the history entry being shown and the caret sits on its first (Up) or last
 * (Down) line, so moving through a multi-line draft still works.
 */
export function composerKeyAction(
  event: ComposerKey,
  text: ComposerText,
  browsingHistory: boolean,
): ComposerKeyAction {
  if (event.isComposing) return 'none';
  if (event.key === 'Enter') return event.shiftKey || event.altKey ? 'none' : 'send';
  if (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return 'none';
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return 'none';
  if (text.selectionStart !== text.selectionEnd) return 'none';
  if (text.value !== '' && !browsingHistory) return 'none';
  if (event.key === 'ArrowUp') {
    return text.value.lastIndexOf('\n', text.selectionStart - 1) === -1 ? 'history-back' : 'none';
  }
  return text.value.indexOf('\n', text.selectionEnd) === -1 ? 'history-forward' : 'none';
}

/**
 * Walking the history: `index` is the entry shown (entries.length means the draft).
 * Returns the new index and the text to show, or null when there is nowhere to go.
 */
export function stepHistory(
  entries: readonly string[],
  index: number,
  draft: string,
  direction: -1 | 1,
): { index: number; text: string } | null {
  const next = index + direction;
  if (next < 0 || next > entries.length) return null;
  return { index: next, text: next === entries.length ? draft : (entries[next] ?? '') };
}
