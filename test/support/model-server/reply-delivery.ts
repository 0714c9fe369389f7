import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SseFrame, WireRenderer } from './render-common';
import type { ScriptedError, ScriptedReply } from './script-types';

/** Writes rendered replies to the socket, applying the scripted timing and faults the renderers know nothing about. */

function writeAsync(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    // Resolve on flush (or failure: a client that hung up is not the test's concern here).
    res.write(chunk, () => resolve());
  });
}

function serializeFrame(frame: SseFrame): string {
  return `${frame.event === undefined ? '' : `event: ${frame.event}\n`}data: ${frame.data}\n\n`;
}

/** The same event cut in half: a data line no JSON parser accepts, as a truncating proxy would produce. */
function truncatedFrame(frame: SseFrame): SseFrame {
  return { ...frame, data: frame.data.slice(0, Math.max(1, Math.floor(frame.data.length / 2))) };
}

async function pause(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (!ms) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendScriptedError(res: ServerResponse, renderer: WireRenderer, error: ScriptedError): void {
  // Both SDKs honour x-should-retry, which keeps their built-in retries from consuming further scripted replies.
  sendJson(res, error.status, renderer.errorBody(error), {
    'x-should-retry': error.retryable === true ? 'true' : 'false',
  });
}

export async function deliverStream(
  res: ServerResponse,
  frames: SseFrame[],
  reply: ScriptedReply,
  renderer: WireRenderer,
  signal: AbortSignal,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  const faultAt = Math.max(1, Math.floor(frames.length / 2));
  for (const [index, frame] of frames.entries()) {
    if (index === faultAt) {
      if (reply.failMidStream) {
        res.destroy();
        return;
      }
      if (reply.streamError) {
        await writeAsync(res, serializeFrame(renderer.streamErrorFrame(reply.streamError, index)));
        res.end();
        return;
      }
      if (reply.malformedChunk) await writeAsync(res, serializeFrame(truncatedFrame(frame)));
    }
    if (!(await pause(reply.chunkDelayMs, signal)) || res.destroyed) return;
    await writeAsync(res, serializeFrame(frame));
  }
  res.end();
}

export async function deliverBody(
  res: ServerResponse,
  body: unknown,
  reply: ScriptedReply,
  renderer: WireRenderer,
  signal: AbortSignal,
): Promise<void> {
  if (!(await pause(reply.chunkDelayMs, signal))) return;
  if (reply.streamError) {
    sendScriptedError(res, renderer, {
      status: 500,
      message: reply.streamError.message,
      type: reply.streamError.type,
    });
    return;
  }
  const text = JSON.stringify(body);
  if (!reply.failMidStream && !reply.malformedChunk) return sendJson(res, 200, body);
  const half = text.slice(0, Math.floor(text.length / 2));
  if (reply.malformedChunk) return sendRaw(res, half);
  // Promise the whole body, send half, then hang up: the client sees a truncated response.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  await writeAsync(res, half);
  res.destroy();
}

function sendRaw(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
