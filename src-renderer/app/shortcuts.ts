import { useEffect } from 'react';
import { assertNever } from '../lib/assert-never';
import { shortcutFor, type ShortcutId } from '../lib/keymap';
import { focusPane, startNewThread, stepThread } from './commands';
import { useDialogs } from './dialogs-slice';

function run(id: ShortcutId): void {
  switch (id) {
    case 'new-thread':
      return startNewThread();
    case 'next-thread':
      return stepThread(1);
    case 'previous-thread':
      return stepThread(-1);
    case 'palette':
      return useDialogs.getState().show({ kind: 'palette' });
    case 'focus-pane-1':
      return focusPane(0);
    case 'focus-pane-2':
      return focusPane(1);
    case 'focus-pane-3':
      return focusPane(2);
    case 'focus-pane-4':
      return focusPane(3);
    default:
      return assertNever(id);
  }
}

/** Global keyboard shortcuts (see lib/keymap.ts for which keys the shell keeps). */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const inTerminal = event.target instanceof Element && event.target.closest('.xterm') !== null;
      const id = shortcutFor(event, inTerminal);
      if (!id) return;
      // A modal owns the keyboard; the palette shortcut toggles it closed.
      const dialog = useDialogs.getState().dialog;
      if (dialog) {
        if (dialog.kind === 'palette' && id === 'palette') {
          event.preventDefault();
          useDialogs.getState().close();
        }
        return;
      }
      event.preventDefault();
      run(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
