import { create } from 'zustand';
import { createRpcClient, type RpcClient } from '../../src-shared/contract';
import { openHostChannel } from './connection';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

interface SessionState {
  status: ConnectionStatus;
  /** The live client; null while (re)connecting. A new client means a new connection: re-attach. */
  client: RpcClient | null;
  /** Why the last attempt failed, in words, for the banner. */
  lastError: string | null;
}

export const useSession = create<SessionState>(() => ({
  status: 'connecting',
  client: null,
  lastError: null,
}));

/** Backoff for reconnecting: start fast (a host restart takes well under a second), cap at a few seconds. */
const RECONNECT_INITIAL_DELAY_MS = 250;
const RECONNECT_MAX_DELAY_MS = 5_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The current client, or an error a person understands when there is none. */
export function requireClient(): RpcClient {
  const client = useSession.getState().client;
  if (!client) throw new Error('Not connected to the Skein host yet; wait for the connection to come back.');
  return client;
}

/**
 * Keeps one connection to the host alive. Each time a connection opens, `prepare` wires notifications
 * and fetches state before the client is published, so components never see a half-synced store.
 */
export function startSession(prepare: (client: RpcClient) => Promise<void>): () => void {
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: RpcClient | null = null;
  let everConnected = false;

  const scheduleReconnect = (error?: unknown) => {
    if (stopped) return;
    useSession.setState({
      status: everConnected ? 'reconnecting' : 'connecting',
      client: null,
      lastError: error === undefined ? null : describe(error),
    });
    const delay = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_INITIAL_DELAY_MS * 2 ** attempt);
    attempt += 1;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (stopped) return;
    let client: RpcClient;
    try {
      client = createRpcClient(await openHostChannel());
    } catch (error) {
      scheduleReconnect(error);
      return;
    }
    if (stopped) {
      client.close();
      return;
    }
    current = client;
    client.onClose((reason) => {
      if (current !== client) return;
      current = null;
      scheduleReconnect(reason ? new Error(`The connection closed (${reason}).`) : undefined);
    });
    // Electron main restarted a dead host: drop this pipe and sync again from scratch.
    client.on('host/restarted', () => client.close());
    try {
      await prepare(client);
    } catch (error) {
      if (current !== client) return;
      current = null;
      client.close();
      scheduleReconnect(error);
      return;
    }
    if (current !== client) return;
    attempt = 0;
    everConnected = true;
    useSession.setState({ status: 'connected', client, lastError: null });
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = null;
    client?.close();
  };
}
