import { WebSocket, type RawData } from 'ws';
import type { MessageChannel } from '../../../src-shared/contract';

/**
 * Bytes queued on a socket above which the client counts as stuck. A browser tab that stops
 * reading (suspended, debugger paused) must not make the host buffer without bound.
 */
export const MAX_WEBSOCKET_BUFFERED_BYTES = 64 * 1024 * 1024;

/** Close code for "unsupported data" (RFC 6455 section 7.4.1): we speak text frames only. */
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_NORMAL = 1000;

function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/**
 * Adapts a `ws` WebSocket (server side, or a Node client in tests and tools) to a MessageChannel.
 * Frames sent while the socket is still connecting are queued and flushed on open.
 */
export function createWebSocketChannel(socket: WebSocket): MessageChannel {
  const messageListeners = new Set<(text: string) => void>();
  const closeListeners = new Set<(reason?: string) => void>();
  let queued: string[] = [];
  let closed = false;

  const fireClose = (reason: string): void => {
    if (closed) return;
    closed = true;
    queued = [];
    for (const listener of closeListeners) listener(reason);
    closeListeners.clear();
    messageListeners.clear();
  };

  socket.on('open', () => {
    const pending = queued;
    queued = [];
    for (const text of pending) socket.send(text);
  });
  socket.on('message', (data, isBinary) => {
    if (closed) return;
    if (isBinary) {
      socket.close(CLOSE_UNSUPPORTED_DATA, 'Skein speaks JSON-RPC in text frames only');
      return;
    }
    const text = rawDataToText(data);
    for (const listener of messageListeners) listener(text);
  });
  socket.on('close', (code, reason) => {
    const why = reason.toString('utf8');
    fireClose(why ? `${code} ${why}` : `${code}`);
  });
  // 'close' always follows 'error'; listening here keeps an error from crashing the process.
  socket.on('error', (error) => fireClose(`error: ${error.message}`));

  return {
    send(text) {
      if (closed) return;
      if (socket.readyState === WebSocket.CONNECTING) {
        queued.push(text);
        return;
      }
      if (socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > MAX_WEBSOCKET_BUFFERED_BYTES) {
        socket.terminate();
        fireClose('the client stopped reading');
        return;
      }
      socket.send(text);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
        socket.close(CLOSE_NORMAL, 'closed');
      }
      fireClose('closed');
    },
  };
}
