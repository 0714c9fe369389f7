import { utilityProcess } from 'electron';
import type { MessageChannel } from '../../src-shared/contract';
import { stopEscalating, STOP_GRACE_MS, TERM_GRACE_MS, type HostLauncher } from './host-process';

/**
 * Starts the host in an Electron utility process (packaged builds): it runs on Electron's own Node,
 * so native modules rebuilt for Electron load, and no separate Node is shipped. A utility process has
 * no stdin, so frames travel over its parent port (`skein host --parent-port`).
 */
export function createUtilityHostLauncher(options: { cliPath: string; dataDir: string }): HostLauncher {
  return () => {
    const args = ['host', '--parent-port', '--parent-secrets', '--data', options.dataDir];
    const child = utilityProcess.fork(options.cliPath, args, {
      stdio: 'inherit',
      serviceName: 'Skein host',
    });
    const messageListeners = new Set<(text: string) => void>();
    const closeListeners = new Set<(reason?: string) => void>();
    let closed = false;
    const close = (reason: string): void => {
      if (closed) return;
      closed = true;
      for (const listener of closeListeners) listener(reason);
      closeListeners.clear();
      messageListeners.clear();
    };
    child.on('message', (data: unknown) => {
      if (closed || typeof data !== 'string') return;
      for (const listener of messageListeners) listener(data);
    });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code) => {
        close('exited');
        resolve(`exited with code ${code}`);
      });
    });
    const channel: MessageChannel = {
      send: (text) => {
        if (!closed) child.postMessage(text);
      },
      onMessage(listener) {
        messageListeners.add(listener);
        return () => messageListeners.delete(listener);
      },
      onClose(listener) {
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
      close: () => close('closed'),
    };
    let stopping: Promise<void> | undefined;
    return {
      get pid() {
        return child.pid;
      },
      channel,
      exited,
      stop() {
        stopping ??= stopEscalating(
          exited,
          {
            // kill() is SIGTERM on POSIX: the host disposes and exits 0.
            ask: () => child.kill(),
            terminate: () => child.kill(),
            kill: () => {
              try {
                if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
              } catch {
                // Already gone between the check and the kill: nothing left to stop.
              }
            },
          },
          { stopGraceMs: STOP_GRACE_MS, termGraceMs: TERM_GRACE_MS },
        );
        return stopping;
      },
    };
  };
}
