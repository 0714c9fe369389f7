import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { MessageChannel } from '../../../src-shared/contract';

/**
 * Largest frame accepted. A full terminal screen or a big diff is a few MiB; a peer that sends
 * more than this without a newline is broken or hostile, and buffering it forever would exhaust memory.
 */
export const MAX_STDIO_FRAME_CHARS = 64 * 1024 * 1024;

/**
 * Output handed to the stream but not yet taken by the OS, above which the peer counts as stuck.
 * Terminal flow control (acks) keeps normal traffic far below this; it is a safety net, not a throttle.
 */
export const MAX_UNFLUSHED_OUTPUT_CHARS = 256 * 1024 * 1024;

export interface StdioChannelOptions {
  input: Readable;
  output: Writable;
  /**
   * The channel owns the streams: close() ends `output` and destroys `input`. True for a child's
   * pipes; false for the host's own process.stdin/stdout, which Node does not let you close.
   */
  ownsStreams?: boolean;
  /**
   * Stop reading input while output is backed up, so a peer that sends requests without reading the
   * answers is slowed down instead of growing our buffers. Only one side of a pipe may do this (the host):
   * if both did, each could wait for the other to read and neither would.
   */
  pauseInputOnBackpressure?: boolean;
  maxFrameChars?: number;
}

export interface StdioChannel extends MessageChannel {
  /** Resolves once every frame sent so far has been handed to the OS (or the stream failed). */
  flush(): Promise<void>;
}

/**
 * JSON-RPC over newline-delimited JSON. JSON.stringify never emits a raw newline, so one line is one frame;
 * a newline in a frame given to send() can only be JSON whitespace and is replaced by a space.
 */
export function createStdioChannel(options: StdioChannelOptions): StdioChannel {
  const { input, output } = options;
  const maxFrameChars = options.maxFrameChars ?? MAX_STDIO_FRAME_CHARS;
  const decoder = new StringDecoder('utf8');
  const messageListeners = new Set<(text: string) => void>();
  const closeListeners = new Set<(reason?: string) => void>();
  let partial: string[] = [];
  let partialLength = 0;
  let pendingWrites = 0;
  let flushWaiters: (() => void)[] = [];
  let closed = false;

  const deliver = (line: string): void => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return;
    if (text.length > maxFrameChars) {
      close(`a frame of ${text.length} characters exceeds the ${maxFrameChars} limit`);
      return;
    }
    for (const listener of messageListeners) listener(text);
  };

  const onData = (chunk: Buffer | string): void => {
    if (closed) return;
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const piece = text.slice(start, newline);
      const line = partialLength === 0 ? piece : partial.join('') + piece;
      partial = [];
      partialLength = 0;
      deliver(line);
      if (closed) return;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) {
      const rest = text.slice(start);
      partial.push(rest);
      partialLength += rest.length;
      if (partialLength > maxFrameChars) close(`a frame exceeds the ${maxFrameChars} character limit`);
    }
  };

  const settleFlush = (): void => {
    if (pendingWrites > 0) return;
    const waiters = flushWaiters;
    flushWaiters = [];
    for (const waiter of waiters) waiter();
  };

  const onDrain = (): void => {
    if (!closed && options.pauseInputOnBackpressure) input.resume();
  };
  const onInputEnd = (): void => close('input ended');
  const onInputError = (error: Error): void => close(`input failed: ${error.message}`);
  // EPIPE and friends arrive here when the reader went away; they must never crash the process.
  const onOutputError = (error: NodeJS.ErrnoException): void =>
    close(`output failed: ${error.code ?? error.message}`);

  input.on('data', onData);
  input.on('end', onInputEnd);
  input.on('close', onInputEnd);
  input.on('error', onInputError);
  output.on('error', onOutputError);
  output.on('drain', onDrain);
  output.on('close', () => close('output closed'));

  function close(reason: string): void {
    if (closed) return;
    closed = true;
    input.off('data', onData);
    input.off('end', onInputEnd);
    input.off('close', onInputEnd);
    output.off('drain', onDrain);
    // The error listeners stay: a late EPIPE after close must still be caught.
    if (options.ownsStreams) {
      input.destroy();
      output.end();
    } else {
      input.pause();
    }
    for (const listener of closeListeners) listener(reason);
    closeListeners.clear();
    messageListeners.clear();
  }

  return {
    send(text) {
      if (closed) return;
      const line = `${text.includes('\n') ? text.replace(/\r?\n/g, ' ') : text}\n`;
      if (output.writableLength + line.length > MAX_UNFLUSHED_OUTPUT_CHARS) {
        close('the other side stopped reading');
        return;
      }
      pendingWrites++;
      const accepted = output.write(line, () => {
        pendingWrites--;
        settleFlush();
      });
      if (!accepted && options.pauseInputOnBackpressure) input.pause();
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
      close('closed');
    },
    flush() {
      if (pendingWrites === 0) return Promise.resolve();
      return new Promise((resolve) => flushWaiters.push(resolve));
    },
  };
}
