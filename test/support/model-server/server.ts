import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicModelList, ollamaTags, openAiModelList } from './model-listings';
import { IdSource, type WireRenderer } from './render-common';
import { anthropicRenderer } from './render-anthropic';
import { chatRenderer } from './render-chat';
import { responsesRenderer } from './render-responses';
import { deliverBody, deliverStream, sendJson, sendScriptedError } from './reply-delivery';
import { recordRequest } from './request-recording';
import type { ApiKind, RecordedRequest, ScriptResponder, ScriptedReply } from './script-types';

export interface ModelServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Ids listed by GET /v1/models and GET /api/tags, and the model echoed when a request names none. */
  models?: string[];
  /** Called as each request is recorded, before it is answered (the standalone server logs with it). */
  onRequest?: (request: RecordedRequest) => void;
}

export interface ModelServer {
  /** http://127.0.0.1:PORT; OpenAI clients take `${url}/v1` as baseURL, Anthropic clients take `url`. */
  readonly url: string;
  /** Every request received, in arrival order (model calls and listings alike). */
  readonly requests: readonly RecordedRequest[];
  /** Queued replies not yet consumed. */
  readonly pending: number;
  /** An array appends to the FIFO queue; a function answers every request once the queue is empty. */
  script(replies: ScriptedReply[] | ScriptResponder): void;
  close(): Promise<void>;
}

export const DEFAULT_SCRIPTED_MODELS = ['skein-scripted-model'];

const RENDERERS: Record<'responses' | 'chat' | 'anthropic', WireRenderer> = {
  responses: responsesRenderer,
  chat: chatRenderer,
  anthropic: anthropicRenderer,
};

function routeOf(method: string, path: string): ApiKind {
  if (method === 'POST' && path === '/v1/responses') return 'responses';
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'POST' && path === '/v1/messages') return 'anthropic';
  if (method === 'GET' && path === '/v1/models') return 'models';
  if (method === 'GET' && path === '/api/tags') return 'ollama-tags';
  return 'unknown';
}

async function readBody(req: IncomingMessage): Promise<{ text: string; json: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { text, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { text, json: undefined };
  }
}

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const models = options.models ?? DEFAULT_SCRIPTED_MODELS;
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  let responder: ScriptResponder | undefined;
  const ids = new IdSource();
  const shutdown = new AbortController();

  async function nextReply(request: RecordedRequest, renderer: WireRenderer, res: ServerResponse) {
    const queued = queue.shift();
    if (queued) return queued;
    if (responder) return responder(request);
    sendScriptedError(res, renderer, {
      status: 500,
      message:
        `Scripted model server: the script ran out of replies at request #${requests.length} ` +
        `(${request.method} ${request.path}, model ${request.model ?? 'unnamed'}). Queue more with server.script([...]).`,
      type: 'script_exhausted',
    });
    return undefined;
  }

  async function answerModelCall(
    request: RecordedRequest,
    renderer: WireRenderer,
    bodyText: string,
    res: ServerResponse,
  ) {
    if (request.body === undefined) {
      const snippet = bodyText.slice(0, 80);
      sendScriptedError(res, renderer, {
        status: 400,
        message: `Request body is not valid JSON: ${snippet}`,
      });
      return;
    }
    const reply = await nextReply(request, renderer, res);
    if (!reply) return;
    if (reply.error) return sendScriptedError(res, renderer, reply.error);
    const context = {
      request,
      model: request.model ?? models[0] ?? 'scripted',
      ids,
      createdAt: Math.floor(Date.now() / 1000),
    };
    if (request.stream)
      await deliverStream(res, renderer.streamFrames(reply, context), reply, renderer, shutdown.signal);
    else await deliverBody(res, renderer.body(reply, context), reply, renderer, shutdown.signal);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const api = routeOf(method, path);
    const { text, json } = await readBody(req);
    const request = recordRequest(api, method, path, req.headers, json);
    requests.push(request);
    options.onRequest?.(request);
    switch (api) {
      case 'responses':
      case 'chat':
      case 'anthropic':
        return answerModelCall(request, RENDERERS[api], text, res);
      case 'models':
        return sendJson(
          res,
          200,
          'anthropic-version' in req.headers ? anthropicModelList(models) : openAiModelList(models),
        );
      case 'ollama-tags':
        return sendJson(res, 200, ollamaTags(models));
      case 'unknown':
        return sendJson(res, 404, {
          error: { message: `Scripted model server has no route for ${method} ${path}.`, type: 'not_found' },
        });
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`scripted model server: ${describeRequest(req)} failed: ${message}\n`);
      if (res.headersSent) res.destroy();
      else
        sendJson(res, 500, {
          error: { message: `Scripted model server failed: ${message}`, type: 'server_error' },
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pending() {
      return queue.length;
    },
    script(replies) {
      if (typeof replies === 'function') responder = replies;
      else queue.push(...replies);
    },
    async close() {
      shutdown.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function describeRequest(req: IncomingMessage): string {
  return `${req.method ?? '?'} ${req.url ?? '?'}`;
}
