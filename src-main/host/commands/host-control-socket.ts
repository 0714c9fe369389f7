import { createLogger } from '../../core/log';
import { startControlSocket, type ControlSocket } from '../control-socket';
import type { Host } from '../create-host';

const log = createLogger('control-socket');

/**
 * Opens the local control socket of a host a command started (ADR 0013). A failure is logged, not
 * fatal: the host still serves its own clients; only `skein mcp` and other local tools cannot attach.
 */
export async function openHostControlSocket(host: Host): Promise<ControlSocket | null> {
  try {
    return await startControlSocket({
      dataDir: host.services.dataDir,
      connect: (channel) => void host.connect(channel),
    });
  } catch (error) {
    log.warn('The control socket could not be opened; `skein mcp` cannot attach to this host', error);
    return null;
  }
}
