import type { NotificationParams } from '../../../src-shared/contract';

type DataListener = (data: string) => void;

/**
 * Routes `terminal/data` to the one view showing that terminal, so each chunk is handled once
 * instead of every view filtering every notification.
 */
const listeners = new Map<string, DataListener>();

export function listenToTerminal(terminalId: string, listener: DataListener): () => void {
  listeners.set(terminalId, listener);
  return () => {
    if (listeners.get(terminalId) === listener) listeners.delete(terminalId);
  };
}

export function dispatchTerminalData({ terminalId, data }: NotificationParams<'terminal/data'>): void {
  listeners.get(terminalId)?.(data);
}
