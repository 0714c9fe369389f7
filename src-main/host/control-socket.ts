import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { MessageChannel } from '../../src-shared/contract';
import { createLogger } from '../core/log';
import {
  authenticatedFrame,
  controlSocketPath,
  parseAuthenticateFrame,
  refusedFrame,
  removeControlToken,
  writeControlToken,
} from './control-socket-files';
import { tokensMatch } from './serve/rpc-upgrade';
import { createSocketChannel, withHandshake } from './transports/socket-channel';

const log = createLogger('control-socket');

/** A client that connects must say who it is at once; a silent one is dropped (a local client answers in milliseconds). */
const AUTHENTICATE_TIMEOUT_MS = 10_000;
/** Owner read/write only: connecting to a Unix socket needs write permission on its file. */
const SOCKET_MODE = 0o600;
/** sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included. */
const MAX_UNIX_SOCKET_PATH_BYTES = 103;

export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

export interface ControlSocketOptions {
  dataDir: string;
  /** Hands an authenticated client to the host, as the other transports do (`host.connect`). */
  connect: (channel: MessageChannel) => void;
}

function accept(socket: Socket, token: string, connect: ControlSocketOptions['connect']): void {
  const raw = createSocketChannel(socket, { pauseInputOnBackpressure: true });
  const refuse = (id: string | number | null, message: string) => {
    raw.send(refusedFrame(id, message));
    raw.close();
  };
  const timer = setTimeout(
    () => refuse(null, 'No token was sent; the first frame must be control/authenticate.'),
    AUTHENTICATE_TIMEOUT_MS,
  );
  raw.onClose(() => clearTimeout(timer));
  const channel = withHandshake(raw, (text) => {
    clearTimeout(timer);
    const { id, token: given } = parseAuthenticateFrame(text);
    if (given === null) {
      refuse(
        id,
        'The first frame must be control/authenticate with the token from host.token in the data folder.',
      );
      return;
    }
    if (!tokensMatch(token, given)) {
      refuse(id, 'Wrong token: read it from host.token in the data folder of the running host.');
      return;
    }
    raw.send(authenticatedFrame(id ?? 0));
    connect(channel);
  });
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // The socket file is created by the bind inside listen(); a tight umask makes it 0600 from its first
    // instant, and the chmod below covers platforms (or worker threads) where umask cannot be set.
    let previousMask: number | null = null;
    if (process.platform !== 'win32') {
      try {
        previousMask = process.umask(0o177);
      } catch {
        previousMask = null;
      }
    }
    try {
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      if (previousMask !== null) process.umask(previousMask);
    }
  });
}

/**
 * The host's local control endpoint (ADR 0013): `skein mcp` and other local tools reach the host that
 * holds the data folder through it instead of starting a second one. Start it only while holding the
 * data-dir lock: a socket file left behind is then stale by definition and is replaced.
 */
export async function startControlSocket(options: ControlSocketOptions): Promise<ControlSocket> {
  const path = controlSocketPath(options.dataDir);
  const unix = process.platform !== 'win32';
  if (unix && Buffer.byteLength(path) > MAX_UNIX_SOCKET_PATH_BYTES) {
    throw new Error(
      `The control socket path ${path} is longer than a Unix socket allows; use a shorter data folder (--data).`,
    );
  }
  const token = writeControlToken(options.dataDir);
  if (unix) rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A client that vanishes mid-frame must not crash the host; the channel reports the close.
    socket.on('error', (error) => log.debug('A control socket client failed', error));
    accept(socket, token, options.connect);
  });
  try {
    await listen(server, path);
    if (unix) chmodSync(path, SOCKET_MODE);
  } catch (error) {
    server.close();
    removeControlToken(options.dataDir, token);
    throw error;
  }
  log.info(`Control socket at ${path}`);

  let closing: Promise<void> | null = null;
  return {
    path,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }).then(() => {
        if (unix) rmSync(path, { force: true });
        removeControlToken(options.dataDir, token);
      });
      return closing;
    },
  };
}
