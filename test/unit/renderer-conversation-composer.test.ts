import { describe, expect, it } from 'vitest';
import {
  composerKeyAction,
  stepHistory,
  type ComposerKey,
} from '../../src-renderer/features/conversation/composer-logic';

const key = (name: string, mods: Partial<ComposerKey> = {}): ComposerKey => ({
  key: name,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  ...mods,
});
const at = (value: string, caret = value.length) => ({ value, selectionStart: caret, selectionEnd: caret });

describe('composer keys', () => {
  it('sends on Enter and Mod+Enter, and leaves Shift+Enter to insert a newline', () => {
    expect(composerKeyAction(key('Enter'), at('fix it'), false)).toBe('send');
    expect(composerKeyAction(key('Enter', { ctrlKey: true }), at('fix it'), false)).toBe('send');
    expect(composerKeyAction(key('Enter', { metaKey: true }), at('fix it'), false)).toBe('send');
    expect(composerKeyAction(key('Enter', { shiftKey: true }), at('fix it'), false)).toBe('none');
  });

  it('never sends while an input method is composing', () => {
    expect(composerKeyAction(key('Enter', { isComposing: true }), at('にほん'), false)).toBe('none');
  });

  it('walks the history from an empty box, but not through a draft being written', () => {
    expect(composerKeyAction(key('ArrowUp'), at(''), false)).toBe('history-back');
    expect(composerKeyAction(key('ArrowUp'), at('my draft'), false)).toBe('none');
    expect(composerKeyAction(key('ArrowDown'), at(''), false)).toBe('history-forward');
  });

  it('moves within a multi-line history entry before leaving it', () => {
    const entry = 'line one\nline two';
    expect(composerKeyAction(key('ArrowUp'), at(entry, entry.length), true)).toBe('none');
    expect(composerKeyAction(key('ArrowUp'), at(entry, 3), true)).toBe('history-back');
    expect(composerKeyAction(key('ArrowDown'), at(entry, 3), true)).toBe('none');
    expect(composerKeyAction(key('ArrowDown'), at(entry, entry.length), true)).toBe('history-forward');
  });

  it('leaves arrows with modifiers or a selection alone', () => {
    expect(composerKeyAction(key('ArrowUp', { shiftKey: true }), at(''), false)).toBe('none');
    expect(
      composerKeyAction(key('ArrowUp'), { value: 'abc', selectionStart: 0, selectionEnd: 2 }, true),
    ).toBe('none');
  });
});

describe('history steps', () => {
  const entries = ['first', 'second'];

  it('goes back through entries and forward to the draft', () => {
    expect(stepHistory(entries, 2, 'draft', -1)).toEqual({ index: 1, text: 'second' });
    expect(stepHistory(entries, 1, 'draft', -1)).toEqual({ index: 0, text: 'first' });
    expect(stepHistory(entries, 0, 'draft', -1)).toBeNull();
    expect(stepHistory(entries, 1, 'draft', 1)).toEqual({ index: 2, text: 'draft' });
    expect(stepHistory(entries, 2, 'draft', 1)).toBeNull();
  });

  it('has nowhere to go without history', () => {
    expect(stepHistory([], 0, '', -1)).toBeNull();
  });
});
