import { create } from 'zustand';

/** The one modal open at a time; opened from the sidebar, pane headers, shortcuts and the palette. */
export type OpenDialog =
  | { kind: 'add-project' }
  | { kind: 'new-thread'; projectId: string }
  | { kind: 'rename-thread'; threadId: string }
  | { kind: 'delete-thread'; threadId: string }
  | { kind: 'close-terminal'; terminalId: string; threadId: string }
  | { kind: 'remove-project'; projectId: string }
  | { kind: 'palette' }
  | { kind: 'agent-settings' }
  | { kind: 'thread-agent-settings'; threadId: string }
  /** `select`: the cell to show first (`b` null: the thread against its base). */
  | { kind: 'conflict-radar'; projectId: string; select?: { a: string; b: string | null } }
  /** No project: the user's own folders only. With a thread: its worktree and its enabled settings. */
  | { kind: 'skills'; projectId?: string; threadId?: string }
  /** No project: the user's servers only. With a thread: its switches beside the project's. */
  | { kind: 'mcp'; projectId?: string; threadId?: string }
  /** Starts a command-line agent in a new terminal of the thread. */
  | { kind: 'run-cli-agent'; threadId: string }
  /** One task on several threads (best-of-N), and the view that compares them. */
  | { kind: 'run-attempts'; projectId: string }
  | { kind: 'attempt-compare'; groupId: string }
  /** A manager thread: starting one, and its workers and gate. */
  | { kind: 'new-manager'; projectId: string }
  | { kind: 'manager-panel'; threadId: string }
  /** The repository's settings: setup files and command, worktree pool, check command. */
  | { kind: 'project-settings'; projectId: string };

interface DialogsState {
  dialog: OpenDialog | null;
  show: (dialog: OpenDialog) => void;
  close: () => void;
}

export const useDialogs = create<DialogsState>((set) => ({
  dialog: null,
  show: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
