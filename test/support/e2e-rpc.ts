import WebSocket from 'ws';
import { createRpcClient, type MessageChannel, type RpcClient } from '../../src-shared/contract';

/** A contract client over the same WebSocket door the page uses, to check what the host holds. */
export async function connectRpc(pageUrl: string): Promise<RpcClient> {
  const page = new URL(pageUrl);
  const socketUrl = `ws://${page.host}/rpc?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`;
  const socket = new WebSocket(socketUrl, { origin: page.origin });
  await new Promise<void>((opened, failed) => {
    socket.once('open', () => opened());
    socket.once('error', failed);
  });
  const channel: MessageChannel = {
    send: (text) => socket.send(text),
    onMessage(listener) {
      const handler = (data: WebSocket.RawData) => {
        const chunks = Array.isArray(data) ? data : [Buffer.isBuffer(data) ? data : Buffer.from(data)];
        listener(Buffer.concat(chunks).toString('utf8'));
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      const handler = () => listener('closed');
      socket.on('close', handler);
      return () => socket.off('close', handler);
    },
    close: () => socket.close(),
  };
  return createRpcClient(channel);
}
