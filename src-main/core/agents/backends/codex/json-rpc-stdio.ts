import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createLogger } from '../../../log';
import type { RequestId } from './codex-protocol';

const log = createLogger('codex-rpc');

/** An error answer from the other side; `code` is the JSON-RPC code it sent. */
export class JsonRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/** JSON-RPC's "method not found", sent for server requests we do not handle. */
const METHOD_NOT_FOUND = -32601;
const INTERNAL_ERROR = -32603;

type Json = Record<string, unknown>;

export type NotificationHandler = (method: string, params: unknown) => void;
/** Answers a server → client request; a throw becomes a JSON-RPC error answer. */
export type RequestHandler = (method: string, params: unknown, id: RequestId) => Promise<unknown>;

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * JSON-RPC over a pair of pipes, one JSON message per line: the framing of `codex app-server`
 * on stdio. Like Codex, it leaves out the `"jsonrpc": "2.0"` member. Requests go both ways:
 * ours get numeric ids; the server's (approvals) go to `onRequest` and are answered with its result.
 */
export class JsonRpcStdio {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private closedWith: Error | null = null;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly handlers: { onNotification: NotificationHandler; onRequest: RequestHandler },
  ) {
    const lines = createInterface({ input, crlfDelay: Infinity });
    lines.on('line', (line) => this.receive(line));
    // A write to a child that died is reported by `close`; without a listener it would crash the host.
    output.on('error', (error) => this.close(error));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: (value) => resolve(value as T), reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params?: unknown): void {
    if (this.closedWith) return;
    this.send(params === undefined ? { method } : { method, params });
  }

  /** Fails every request still waiting (the process exited or is being disposed). */
  close(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }

  private send(message: Json): void {
    this.output.write(`${JSON.stringify(message)}\n`);
  }

  private receive(line: string): void {
    if (line.trim() === '') return;
    let message: Json;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      message = parsed as Json;
    } catch {
      log.warn(`Ignored a line from the agent that is not a JSON-RPC message: ${line.slice(0, 200)}`);
      return;
    }
    const id = message.id as RequestId | undefined;
    const method = typeof message.method === 'string' ? message.method : null;
    if (method !== null && id !== undefined) this.answer(method, message.params, id);
    else if (method !== null) this.handlers.onNotification(method, message.params);
    else if (id !== undefined) this.settle(id, message);
  }

  private settle(id: RequestId, message: Json): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const error = message.error as { code?: unknown; message?: unknown } | undefined;
    if (error) {
      const code = typeof error.code === 'number' ? error.code : INTERNAL_ERROR;
      const text = typeof error.message === 'string' ? error.message : 'unknown error';
      pending.reject(new JsonRpcError(pending.method, code, text));
    } else pending.resolve(message.result);
  }

  private answer(method: string, params: unknown, id: RequestId): void {
    this.handlers.onRequest(method, params, id).then(
      (result) => {
        if (!this.closedWith) this.send({ id, result });
      },
      (error: unknown) => {
        if (this.closedWith) return;
        const code = error instanceof JsonRpcError ? error.code : INTERNAL_ERROR;
        const message = error instanceof Error ? error.message : String(error);
        this.send({ id, error: { code, message } });
      },
    );
  }
}

export function methodNotFound(method: string): JsonRpcError {
  return new JsonRpcError(method, METHOD_NOT_FOUND, `Skein does not handle ${method}.`);
}
