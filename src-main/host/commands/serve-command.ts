import type { MessageChannel } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { createHost } from '../create-host';
import { dataDirForProcess } from '../data-dir';
import { isLoopbackHost } from '../serve/loopback';
import { findRendererRoot, rendererRootCandidates, RENDERER_DIR_ENV } from '../serve/renderer-root';
import { startServeServer, type ServeServer } from '../serve/serve-server';
import { loadServeToken, readLastServePort, writeLastServePort } from '../serve/serve-token-file';
import {
  EXIT_FAILURE,
  EXIT_OK,
  parsePort,
  stringFlag,
  UsageError,
  type CliCommand,
  type CliIo,
} from './cli-command';
import { openHostControlSocket } from './host-control-socket';
import { listenForShutdown } from './shutdown-signal';

const log = createLogger('serve');

const DEFAULT_BIND_HOST = '127.0.0.1';

interface ServePlan {
  bindHost: string;
  port: number;
  rendererRoot: string;
  dataDir: string;
  /** --new-token: replace the stored token, so every URL printed before stops working. */
  newToken: boolean;
}

/**
 * Without --port, the port the last serve on this folder used comes first, so a page left open finds
 * the restarted server at the same URL; if another program took it meanwhile, any free port will do.
 */
async function startOnRememberedPort(
  plan: ServePlan,
  token: string,
  connect: (channel: MessageChannel) => void,
): Promise<ServeServer> {
  const options = { ...plan, token, connect };
  const remembered = plan.port === 0 ? readLastServePort(plan.dataDir) : null;
  if (remembered !== null) {
    try {
      return await startServeServer({ ...options, port: remembered });
    } catch (error) {
      log.warn(`Port ${remembered} (used last time) is not free; picking another`, error);
    }
  }
  return startServeServer(options);
}

async function serveUntilSignal(plan: ServePlan, io: CliIo, stopSignal: Promise<string>): Promise<number> {
  const host = await createHost({ dataDir: plan.dataDir });
  let server: ServeServer;
  try {
    // After createHost: the data folder's lock is held, so no other host reads or rotates the token meanwhile.
    const { token, source } = loadServeToken(plan.dataDir, { rotate: plan.newToken });
    log.info(`Serve token: ${source}`);
    server = await startOnRememberedPort(plan, token, (channel) => host.connect(channel));
    writeLastServePort(plan.dataDir, server.port);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    await host.dispose();
    return EXIT_FAILURE;
  }
  const controlSocket = await openHostControlSocket(host);
  io.out(`Skein serving at ${server.url}`);
  log.info(`Serving ${plan.rendererRoot} with data ${plan.dataDir}`);
  log.info(`Stopping: ${await stopSignal}`);
  await controlSocket?.close();
  await server.close();
  await host.dispose();
  return EXIT_OK;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the Skein UI to a browser on this machine.',
  help: [
    'Usage: skein serve [--host 127.0.0.1] [--port N] [--data DIR] [--allow-remote] [--new-token]',
    '',
    'Serves the built UI and the host over one HTTP server, and prints the URL to open',
    '(it carries a secret token; anyone with the URL can drive Skein). The token is kept in',
    '<data>/serve-token and, without --port, the port is reused, so a restart prints the same URL',
    'and pages left open reconnect.',
    '',
    'Options:',
    '  --host ADDR       Address to listen on (default 127.0.0.1).',
    '  --port N          Port (default: a free one).',
    '  --data DIR        Data folder (default: $SKEIN_DATA_DIR, else the platform app-data folder).',
    '  --allow-remote    Allow a non-loopback --host. Traffic is not encrypted: use only on a network you trust.',
    '  --new-token       Replace the stored token: every URL printed before (and every page open with one) stops working.',
    '',
    `Environment: ${RENDERER_DIR_ENV} points at another built UI folder (default out/renderer).`,
  ].join('\n'),
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    'new-token': { type: 'boolean' },
  },

  async run(values, io) {
    const bindHost = stringFlag(values, 'host') ?? DEFAULT_BIND_HOST;
    const port = parsePort(stringFlag(values, 'port'));
    if (!isLoopbackHost(bindHost)) {
      if (values['allow-remote'] !== true) {
        throw new UsageError(
          `Refusing to listen on ${bindHost}: other machines could reach it, and serve has no TLS. ` +
            'Pass --allow-remote if you mean it, or leave out --host to stay on 127.0.0.1.',
        );
      }
      io.err(
        `Warning: listening on ${bindHost}. Anyone on the network who gets the token can run commands as you, ` +
          'and traffic is not encrypted. Prefer an SSH tunnel to 127.0.0.1.',
      );
    }
    const candidates = rendererRootCandidates(io.env);
    const rendererRoot = findRendererRoot(candidates);
    if (!rendererRoot) {
      io.err(`The built UI was not found (looked in ${candidates.join(', ')}). Run \`npm run build\` first.`);
      return EXIT_FAILURE;
    }

    const shutdown = listenForShutdown();
    try {
      return await serveUntilSignal(
        {
          bindHost,
          port,
          rendererRoot,
          dataDir: dataDirForProcess(stringFlag(values, 'data')),
          newToken: values['new-token'] === true,
        },
        io,
        shutdown.received,
      );
    } finally {
      shutdown.dispose();
    }
  },
};
