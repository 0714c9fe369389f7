/**
 * App-wide shortcuts. "Mod" is Cmd on macOS and Ctrl elsewhere. Inside a terminal on Linux and
 * Windows, Ctrl+letter belongs to the shell (Ctrl+N is next-history, Ctrl+K kill-line, Ctrl+[ is
 * Escape), so there only the Shift variants, Ctrl+Tab and Ctrl+digit reach the app. On macOS Cmd
 * never reaches the shell, so every shortcut works everywhere.
 */
export type ShortcutId =
  | 'new-thread'
  | 'next-thread'
  | 'previous-thread'
  | 'palette'
  | 'focus-pane-1'
  | 'focus-pane-2'
  | 'focus-pane-3'
  | 'focus-pane-4';

export const isMacPlatform = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcutFor(event: KeyLike, inTerminal: boolean, mac = isMacPlatform): ShortcutId | null {
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (event.ctrlKey && !event.metaKey && !event.altKey && event.key === 'Tab') {
    return event.shiftKey ? 'previous-thread' : 'next-thread';
  }
  if (!mod || event.altKey) return null;
  const digit = /^Digit([1-4])$/.exec(event.code);
  if (digit && !event.shiftKey) return `focus-pane-${digit[1]}` as ShortcutId;
  const key = event.key.toLowerCase();
  const shellOwnsPlainKeys = inTerminal && !mac;
  if (event.shiftKey) {
    if (key === 'p') return 'palette';
    if (key === 'n') return 'new-thread';
    if (key === 'k') return 'palette';
    return null;
  }
  if (shellOwnsPlainKeys) return null;
  if (key === 'n') return 'new-thread';
  if (key === 'k') return 'palette';
  if (event.code === 'BracketRight') return 'next-thread';
  if (event.code === 'BracketLeft') return 'previous-thread';
  return null;
}

/** Human labels for the palette, e.g. "Ctrl+Shift+P" or "⌘K". */
export function shortcutLabel(id: ShortcutId, mac = isMacPlatform): string {
  const mod = mac ? '⌘' : 'Ctrl+';
  switch (id) {
    case 'new-thread':
      return `${mod}N`;
    case 'next-thread':
      return `${mod}]`;
    case 'previous-thread':
      return `${mod}[`;
    case 'palette':
      return `${mod}K`;
    case 'focus-pane-1':
    case 'focus-pane-2':
    case 'focus-pane-3':
    case 'focus-pane-4':
      return `${mod}${id.slice(-1)}`;
  }
}
