import type { Socket } from 'node:net';
import type { MessageChannel } from '../../../src-shared/contract';
import { createStdioChannel } from './stdio-channel';

/** How long a closed channel waits for the peer to finish the socket before cutting it off. */
const END_GRACE_MS = 2_000;

/**
 * JSON-RPC over a Unix domain socket or a Windows named pipe, with the stdio framing (one JSON message
 * per line). Closing flushes what was sent (an error frame before a refusal, say), then ends the socket.
 */
export function createSocketChannel(
  socket: Socket,
  options: { pauseInputOnBackpressure?: boolean } = {},
): MessageChannel {
  const channel = createStdioChannel({
    input: socket,
    output: socket,
    pauseInputOnBackpressure: options.pauseInputOnBackpressure,
  });
  channel.onClose(() => {
    socket.end();
    setTimeout(() => socket.destroy(), END_GRACE_MS).unref();
  });
  return channel;
}

/**
 * A channel whose first incoming frame goes to `first` (a handshake) and every later one to the
 * channel's own listeners. Frames that arrive in the same chunk as the handshake are not lost: the
 * split happens per frame, synchronously.
 */
export function withHandshake(raw: MessageChannel, first: (text: string) => void): MessageChannel {
  const listeners = new Set<(text: string) => void>();
  let handshakeDone = false;
  raw.onMessage((text) => {
    if (!handshakeDone) {
      handshakeDone = true;
      first(text);
      return;
    }
    for (const listener of listeners) listener(text);
  });
  return {
    send: (text) => raw.send(text),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: (listener) => raw.onClose(listener),
    close: () => raw.close(),
  };
}
