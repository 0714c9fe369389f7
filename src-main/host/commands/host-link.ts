import {
  createChannelPair,
  createRpcClient,
  isSkeinError,
  SkeinError,
  type RpcClient,
} from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { connectControlSocket } from '../control-socket-client';
import { createHost } from '../create-host';
import { liveLockHolder } from '../data-dir-lock';
import { openHostControlSocket } from './host-control-socket';

const log = createLogger('host-link');

/** How a local tool (`skein mcp`, `skein exec`) reaches a host: the one running on the data folder, or its own. */
export interface HostLink {
  rpc: RpcClient;
  /** The process id of the running host it attached to; null when it runs its own. */
  attachedTo: number | null;
  /** Resolves when an attached host goes away (the app quit); never for an own host. */
  readonly gone: Promise<string>;
  dispose(): Promise<void>;
}

async function attach(dataDir: string, pid: number, tool: string): Promise<HostLink> {
  let rpc: RpcClient;
  try {
    rpc = await connectControlSocket(dataDir);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SkeinError(
      'INVALID_STATE',
      `Another Skein host (process ${pid}) is using the data folder ${dataDir}, and ${tool} could not attach to it: ${why} Restart that app or server, or use another folder (--data DIR).`,
      { dataDir, pid },
    );
  }
  const gone = new Promise<string>((resolve) => rpc.onClose((reason) => resolve(reason ?? 'closed')));
  log.info(`${tool} attached to the Skein host (process ${pid}) on ${dataDir}`);
  return {
    rpc,
    attachedTo: pid,
    gone,
    dispose: async () => rpc.close(),
  };
}

function lockHolderOf(error: unknown): number | null {
  const pid = isSkeinError(error) ? error.details?.pid : undefined;
  return typeof pid === 'number' ? pid : null;
}

/**
 * Attaches to the host holding `dataDir` through its control socket (the desktop app or `skein serve`),
 * so threads are shared; otherwise starts a host here, with its own control socket for other local
 * tools. `tool` names the command in messages.
 */
export async function linkToHost(dataDir: string, tool: string): Promise<HostLink> {
  const holder = liveLockHolder(dataDir);
  if (holder !== null) return attach(dataDir, holder, tool);
  let host;
  try {
    host = await createHost({ dataDir });
  } catch (error) {
    // Another host took the folder between the look and the lock.
    const pid = lockHolderOf(error);
    if (pid !== null) return attach(dataDir, pid, tool);
    throw error;
  }
  const socket = await openHostControlSocket(host);
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  const rpc = createRpcClient(clientSide);
  return {
    rpc,
    attachedTo: null,
    gone: new Promise<string>(() => undefined),
    async dispose() {
      rpc.close();
      await socket?.close();
      await host.dispose();
    },
  };
}
