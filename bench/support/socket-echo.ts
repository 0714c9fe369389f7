/**
 * Echo latency with no page in the way: a WebSocket client sends a key with `terminal/input` and
 * times until the shell's echo comes back in a `terminal/data` frame. Comparing it with the page's
 * figure splits the latency into host (pty, screen mirror, frames, socket) and page (xterm, DOM).
 */
import type { RpcClient } from '../../src-shared/contract';

export interface SocketEchoOptions {
  key: string;
  /** Sent every `keysPerLine` keys so the prompt line never wraps. */
  clearLine: string;
  keysPerLine: number;
  timeoutMs: number;
  gapMs: () => number;
}

export interface SocketEchoResult {
  samplesMs: number[];
  timeouts: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The client must not be attached to the terminal yet; it attaches, acks every frame, and detaches at the end. */
export async function measureSocketEcho(
  client: RpcClient,
  terminalId: string,
  count: number,
  options: SocketEchoOptions,
): Promise<SocketEchoResult> {
  let waiting: ((at: number) => void) | null = null;
  const stop = client.on('terminal/data', ({ terminalId: id, data }) => {
    if (id !== terminalId) return;
    const at = performance.now();
    void client.api.terminal.ack({ terminalId, chars: data.length }).catch(() => undefined);
    if (waiting && data.includes(options.key)) {
      waiting(at);
      waiting = null;
    }
  });
  const samplesMs: number[] = [];
  let timeouts = 0;
  try {
    await client.api.terminal.attach({ terminalId });
    for (let i = 0; i < count; i += 1) {
      if (i % options.keysPerLine === 0) {
        await client.api.terminal.input({ terminalId, data: options.clearLine });
        await sleep(options.gapMs());
      }
      let timer: NodeJS.Timeout | undefined;
      const echoed = new Promise<number | null>((resolve) => {
        waiting = resolve;
        timer = setTimeout(() => resolve(null), options.timeoutMs);
      });
      const sent = performance.now();
      void client.api.terminal.input({ terminalId, data: options.key }).catch(() => undefined);
      const at = await echoed;
      clearTimeout(timer);
      waiting = null;
      if (at === null) timeouts += 1;
      else samplesMs.push(at - sent);
      await sleep(options.gapMs());
    }
  } finally {
    stop();
    await client.api.terminal.detach({ terminalId }).catch(() => undefined);
  }
  return { samplesMs, timeouts };
}
