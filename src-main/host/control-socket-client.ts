import { connect, type Socket } from 'node:net';
import { createRpcClient, SkeinError, type RpcClient } from '../../src-shared/contract';
import { authenticateFrame, controlSocketPath, readControlToken } from './control-socket-files';
import { createSocketChannel, withHandshake } from './transports/socket-channel';

/** A live host answers the handshake in milliseconds; one that does not within this is stuck. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

function openSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new SkeinError(
          'INVALID_STATE',
          `Could not reach the running Skein host at ${path} (${error.code ?? error.message}).`,
          { path },
        ),
      ),
    );
  });
}

interface HandshakeAnswer {
  result?: { ok?: unknown };
  error?: { message?: unknown };
}

/**
 * A contract client on the control socket of the host that holds `dataDir` (ADR 0013): connects,
 * authenticates with the token from `<data>/host.token` (or `token`), and resolves once the host accepted.
 */
export async function connectControlSocket(
  dataDir: string,
  options: { token?: string } = {},
): Promise<RpcClient> {
  const token = options.token ?? readControlToken(dataDir);
  const path = controlSocketPath(dataDir);
  const socket = await openSocket(path);
  const raw = createSocketChannel(socket);
  let settle: (error: Error | null) => void = () => undefined;
  const accepted = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const channel = withHandshake(raw, (text) => {
    let answer: HandshakeAnswer = {};
    try {
      answer = JSON.parse(text) as HandshakeAnswer;
    } catch {
      // Reported below as an unexpected answer.
    }
    if (answer.result?.ok === true) return settle(null);
    const message =
      typeof answer.error?.message === 'string'
        ? answer.error.message
        : 'The host gave an unexpected answer.';
    settle(new SkeinError('UNAUTHORIZED', `The Skein host refused the connection: ${message}`));
  });
  const stopWatchingClose = raw.onClose((reason) =>
    settle(new SkeinError('INVALID_STATE', `The Skein host closed the connection (${reason ?? 'closed'}).`)),
  );
  const timer = setTimeout(
    () => settle(new SkeinError('INVALID_STATE', `The Skein host at ${path} did not answer.`)),
    HANDSHAKE_TIMEOUT_MS,
  );
  // Made before the answer arrives: frames the host sends right after accepting must find a listener.
  const client = createRpcClient(channel);
  raw.send(authenticateFrame(token));
  try {
    await accepted;
  } catch (error) {
    raw.close();
    throw error;
  } finally {
    clearTimeout(timer);
    stopWatchingClose();
  }
  return client;
}
