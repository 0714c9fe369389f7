/**
 * A `cat` through the host to a plain WebSocket client that acknowledges every frame as it arrives:
 * the host's own rate (pty, screen mirror, frames, JSON, socket) with no page behind it.
 */
import type { RpcClient } from '../../src-shared/contract';

const PROMPT_TIMEOUT_MS = 30_000;

export async function timeSocketClientCat(
  client: RpcClient,
  terminalId: string,
  command: string,
  marker: string,
  timeoutMs: number,
): Promise<number> {
  let tail = '';
  let waiter: { text: string; resolve: (at: number) => void } | null = null;
  const stop = client.on('terminal/data', ({ terminalId: id, data }) => {
    if (id !== terminalId) return;
    void client.api.terminal.ack({ terminalId, chars: data.length }).catch(() => undefined);
    tail = (tail + data).slice(-256);
    if (waiter && tail.includes(waiter.text)) {
      waiter.resolve(performance.now());
      waiter = null;
    }
  });
  const waitFor = (text: string, ms: number) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No "${text}" from terminal ${terminalId} within ${ms} ms`)),
        ms,
      );
      waiter = {
        text,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  try {
    const { screen } = await client.api.terminal.attach({ terminalId });
    // The serialized screen ends with cursor sequences, so look for the prompt anywhere in it.
    if (!/[$#] /.test(screen)) await waitFor('$ ', PROMPT_TIMEOUT_MS);
    const done = waitFor(marker, timeoutMs);
    const started = performance.now();
    await client.api.terminal.input({ terminalId, data: `${command}\r` });
    return (await done) - started;
  } finally {
    stop();
    await client.api.terminal.detach({ terminalId }).catch(() => undefined);
  }
}
