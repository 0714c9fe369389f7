import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MessageChannel } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { createWebSocketChannel } from '../transports/websocket-channel';
import { allowedHostHeaders, displayHost } from './loopback';
import { checkRpcUpgrade, createServeToken, RPC_PATH } from './rpc-upgrade';
import { serveSecurityHeaders } from './security-headers';
import { createStaticFileServer } from './static-files';

const log = createLogger('serve');

/** Largest WebSocket message accepted from a client: a big paste into a terminal fits, a memory bomb does not. */
export const MAX_RPC_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** Ping period; a tab that misses a whole period (closed laptop lid, killed browser) is dropped. */
const HEARTBEAT_INTERVAL_MS = 30_000;
/** How long clients get to answer a close frame at shutdown before their sockets are cut. */
const CLOSE_GRACE_MS = 500;
/** "Going away" (RFC 6455 section 7.4.1). */
const CLOSE_GOING_AWAY = 1001;

export interface ServeOptions {
  bindHost: string;
  /** 0 picks a free port. */
  port: number;
  /** Absolute real path of the built renderer. */
  rendererRoot: string;
  /** The secret every WebSocket must carry; a fresh random one when left out (see serve-token-file.ts). */
  token?: string;
  /** Attaches an authenticated client to the host. */
  connect(channel: MessageChannel): void;
}

export interface ServeServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.on('error', () => undefined);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use; pick another with --port or omit it for a free one`
          : error.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine`
            : error.message;
      reject(new Error(`Could not listen on ${host}:${port}: ${why}.`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** One HTTP server: the built renderer as static files, and the contract over a WebSocket at /rpc. */
export async function startServeServer(options: ServeOptions): Promise<ServeServer> {
  const token = options.token ?? createServeToken();
  const staticFiles = createStaticFileServer(options.rendererRoot);
  let allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    const host = request.headers.host?.toLowerCase();
    // Static files are public code, but refusing foreign Host names keeps a rebinding page from reading anything.
    if (!host || !allowedHosts.has(host)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The Host header does not name this server.\n');
      return;
    }
    const headers = serveSecurityHeaders(host);
    if ((request.url ?? '').split('?', 1)[0] === RPC_PATH) {
      response.writeHead(426, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
        Upgrade: 'websocket',
      });
      response.end('This endpoint speaks WebSocket only.\n');
      return;
    }
    staticFiles.handle(request, response, headers).catch((error: unknown) => {
      log.error(`Failed to serve ${request.url}`, error);
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(500, headers);
        response.end();
      }
    });
  });

  const alive = new WeakMap<WebSocket, boolean>();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_RPC_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  server.on('upgrade', (request, socket, head) => {
    const verdict = checkRpcUpgrade(request.url, request.headers, { token, allowedHosts });
    if (!verdict.ok) {
      log.warn(`Refused a WebSocket from ${request.socket.remoteAddress}: ${verdict.reason}`);
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      options.connect(createWebSocketChannel(ws));
    });
  });

  await listen(server, options.port, options.bindHost);
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(options.bindHost, port);

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    clearInterval(heartbeat);
    const open = [...sockets.clients];
    await Promise.all(
      open.map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, CLOSE_GRACE_MS);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(CLOSE_GOING_AWAY, 'Skein is shutting down');
          }),
      ),
    );
    sockets.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  return {
    url: `http://${displayHost(options.bindHost)}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= close();
      return closing;
    },
  };
}
