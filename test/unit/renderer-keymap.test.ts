import { describe, expect, test } from 'vitest';
import { shortcutFor } from '../../src-renderer/lib/keymap';

const key = (
  k: string,
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  test('Ctrl on Linux and Cmd on macOS are the modifier', () => {
    expect(shortcutFor(key('n', 'KeyN', { ctrlKey: true }), false, false)).toBe('new-thread');
    expect(shortcutFor(key('n', 'KeyN', { metaKey: true }), false, true)).toBe('new-thread');
    expect(shortcutFor(key('n', 'KeyN', { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(key('k', 'KeyK', { ctrlKey: true }), false, false)).toBe('palette');
    expect(shortcutFor(key('P', 'KeyP', { ctrlKey: true, shiftKey: true }), false, false)).toBe('palette');
    expect(shortcutFor(key(']', 'BracketRight', { ctrlKey: true }), false, false)).toBe('next-thread');
    expect(shortcutFor(key('[', 'BracketLeft', { ctrlKey: true }), false, false)).toBe('previous-thread');
    expect(shortcutFor(key('3', 'Digit3', { ctrlKey: true }), false, false)).toBe('focus-pane-3');
    expect(shortcutFor(key('5', 'Digit5', { ctrlKey: true }), false, false)).toBeNull();
  });

  test('inside a terminal on Linux, Ctrl+letter reaches the shell but Shift variants and digits reach the app', () => {
    expect(shortcutFor(key('n', 'KeyN', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(key('k', 'KeyK', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(key('[', 'BracketLeft', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(key('N', 'KeyN', { ctrlKey: true, shiftKey: true }), true, false)).toBe('new-thread');
    expect(shortcutFor(key('1', 'Digit1', { ctrlKey: true }), true, false)).toBe('focus-pane-1');
    expect(shortcutFor(key('Tab', 'Tab', { ctrlKey: true }), true, false)).toBe('next-thread');
    expect(shortcutFor(key('Tab', 'Tab', { ctrlKey: true, shiftKey: true }), true, false)).toBe(
      'previous-thread',
    );
  });

  test('on macOS every shortcut works inside a terminal too', () => {
    expect(shortcutFor(key('k', 'KeyK', { metaKey: true }), true, true)).toBe('palette');
    expect(shortcutFor(key(']', 'BracketRight', { metaKey: true }), true, true)).toBe('next-thread');
  });

  test('plain keys and Alt combinations are never shortcuts', () => {
    expect(shortcutFor(key('n', 'KeyN'), false, false)).toBeNull();
    expect(shortcutFor(key('n', 'KeyN', { ctrlKey: true, altKey: true }), false, false)).toBeNull();
  });
});
