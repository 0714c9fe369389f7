/**
 * A page driven over a bare Chrome DevTools Protocol connection that enables no domain: it evaluates
 * scripts and types keys, nothing else. The terminal benchmarks measure through it rather than
 * through Playwright, because Playwright enables the Network domain on every page it drives, and
 * Chromium then copies every WebSocket frame into a DevTools event: a page that only received,
 * parsed and acked 8.4 MB of terminal frames spent ~0.7 CPU-s of its main thread with Playwright
 * attached and ~0.2 s with only this connection (plus ~0.3 CPU-s in Playwright's own process). A
 * user's Skein window never pays that; xterm.js alone, the baseline, has no socket and never paid it.
 */
import WebSocket from 'ws';

/** What the page probes need: `page.evaluate` as Playwright has it (one serializable argument). */
export interface PageEvaluator {
  evaluate<R, Arg = undefined>(pageFunction: (arg: Arg) => R | Promise<R>, arg?: Arg): Promise<R>;
}

export interface BarePage extends PageEvaluator {
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string): Promise<void>;
  };
  /**
   * Lets documents loaded from now on import scripts from blob URLs despite their CSP (the xterm.js
   * baseline is loaded that way), for as long as this connection lasts.
   */
  bypassCsp(): Promise<void>;
  close(): void;
}

interface CdpReply {
  id?: number;
  result?: {
    result?: { value?: unknown };
    exceptionDetails?: { exception?: { description?: string }; text?: string };
  };
  error?: { message: string };
}

/** Keys the benches press by name; any other single character is typed as itself. */
const NAMED_KEYS: Record<string, { code: string; keyCode: number; text?: string }> = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
};

function keyEvent(key: string): { key: string; code: string; windowsVirtualKeyCode: number; text?: string } {
  const named = NAMED_KEYS[key];
  if (named) return { key, code: named.code, windowsVirtualKeyCode: named.keyCode, text: named.text };
  if ([...key].length !== 1) throw new Error(`The bare page cannot press "${key}"`);
  const upper = key.toUpperCase();
  const letter = /^[A-Z]$/.test(upper);
  return {
    key,
    code: letter ? `Key${upper}` : '',
    windowsVirtualKeyCode: letter ? upper.charCodeAt(0) : 0,
    text: key,
  };
}

/** Connects to a page target's WebSocket debugger URL. */
export async function connectBarePage(debuggerUrl: string): Promise<BarePage> {
  // Chromium's DevTools socket refuses large default frames only above 256 MB; the payloads here are a few MB.
  const socket = new WebSocket(debuggerUrl, { perMessageDeflate: false, maxPayload: 256 * 2 ** 20 });
  await new Promise<void>((opened, failed) => {
    socket.once('open', () => opened());
    socket.once('error', failed);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: CdpReply) => void; reject: (error: Error) => void }>();
  socket.on('message', (data: WebSocket.RawData) => {
    const chunks = Array.isArray(data) ? data : [Buffer.isBuffer(data) ? data : Buffer.from(data)];
    const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CdpReply;
    if (reply.id === undefined) return;
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('The DevTools connection closed'));
    pending.clear();
  });
  const send = async (method: string, params: object): Promise<CdpReply> => {
    const id = nextId++;
    const reply = await new Promise<CdpReply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply;
  };
  const dispatchKey = async (key: string) => {
    const event = keyEvent(key);
    await send('Input.dispatchKeyEvent', { type: event.text ? 'keyDown' : 'rawKeyDown', ...event });
    await send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: event.key,
      code: event.code,
      windowsVirtualKeyCode: event.windowsVirtualKeyCode,
    });
  };

  return {
    async evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg?: Arg): Promise<R> {
      // As Playwright does: the function's source, called with its JSON argument, awaited in the page.
      const expression = `(${pageFunction.toString()})(${JSON.stringify(arg) ?? 'undefined'})`;
      const reply = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      const exception = reply.result?.exceptionDetails;
      if (exception)
        throw new Error(exception.exception?.description ?? exception.text ?? 'Evaluation failed');
      return reply.result?.result?.value as R;
    },
    keyboard: {
      press: dispatchKey,
      async type(text: string) {
        for (const char of text) await dispatchKey(char);
      },
    },
    async bypassCsp() {
      // Lasts as long as this connection: set by the bare page's own session.
      await send('Page.setBypassCSP', { enabled: true });
    },
    close: () => socket.close(),
  };
}
