import { create } from 'zustand';
import type { NotificationParams } from '../../../src-shared/contract';

export type HostNotice = NotificationParams<'host/notice'> & { id: number };

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

interface NoticesState {
  notices: HostNotice[];
  toasts: Toast[];
  addNotice: (notice: NotificationParams<'host/notice'>) => void;
  dismissNotice: (id: number) => void;
  pushToast: (tone: Toast['tone'], message: string) => void;
  dismissToast: (id: number) => void;
}

/** Long enough to read two sentences; errors stay until dismissed. */
const INFO_TOAST_MS = 6_000;

let nextId = 1;

export const useNotices = create<NoticesState>((set, get) => ({
  notices: [],
  toasts: [],
  addNotice: (notice) => set((state) => ({ notices: [...state.notices, { ...notice, id: nextId++ }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  pushToast: (tone, message) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { id, tone, message }] }));
    if (tone === 'info') setTimeout(() => get().dismissToast(id), INFO_TOAST_MS);
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a failed action's sentence to the user verbatim (host errors are written for people). */
export function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  useNotices.getState().pushToast('error', message);
}
