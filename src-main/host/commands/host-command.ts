import { isSkeinError, type MessageChannel } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { createHost, type Host } from '../create-host';
import { dataDirForProcess } from '../data-dir';
import { createParentSecrets } from '../secrets/parent-secrets';
import { createParentPortChannel, findParentPort } from '../transports/parent-port-channel';
import { createStdioChannel } from '../transports/stdio-channel';
import { EXIT_FAILURE, EXIT_OK, stringFlag, UsageError, type CliCommand } from './cli-command';
import { openHostControlSocket } from './host-control-socket';
import { listenForShutdown } from './shutdown-signal';

const log = createLogger('host');

/** How long to wait for the last answers to reach the pipe before exiting anyway. */
const FLUSH_TIMEOUT_MS = 2_000;

/** In stdio mode stdout is the protocol: a dependency's console.log would corrupt it, so it goes to stderr. */
function keepStdoutForProtocol(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  console.dir = (item: unknown) => console.error(item);
  console.table = (data: unknown) => console.error(data);
}

function openChannel(useStdio: boolean): { channel: MessageChannel; flush: () => Promise<void> } {
  if (useStdio) {
    const channel = createStdioChannel({
      input: process.stdin,
      output: process.stdout,
      pauseInputOnBackpressure: true,
    });
    return { channel, flush: () => channel.flush() };
  }
  const port = findParentPort();
  if (!port) throw new Error('The parent port disappeared.');
  return { channel: createParentPortChannel(port), flush: () => Promise.resolve() };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export const hostCommand: CliCommand = {
  name: 'host',
  summary: 'Run the host for the desktop app (JSON-RPC over stdin/stdout).',
  help: [
    'Usage: skein host --stdio [--data DIR]',
    '',
    'Runs the Skein host and speaks JSON-RPC 2.0 on stdin/stdout, one JSON message per line.',
    'Logs go to stderr. The host stops when stdin closes, or on SIGINT/SIGTERM.',
    '',
    'Options:',
    '  --stdio         Talk over stdin/stdout.',
    "  --parent-port   Talk over Electron's parent port (used by the packaged desktop app).",
    '  --data DIR      Data folder (default: $SKEIN_DATA_DIR, else the platform app-data folder).',
    '  --parent-secrets  The parent (the desktop app) encrypts stored keys with the system keyring',
    '                  over the same pipe; without it keys are kept in a 0600 file.',
  ].join('\n'),
  options: {
    stdio: { type: 'boolean' },
    'parent-port': { type: 'boolean' },
    data: { type: 'string' },
    'parent-secrets': { type: 'boolean' },
  },

  async run(values) {
    const useStdio = values.stdio === true;
    if (useStdio === (values['parent-port'] === true)) {
      throw new UsageError(
        'host needs exactly one transport: --stdio (or --parent-port inside the desktop app).',
      );
    }
    if (!useStdio && !findParentPort()) {
      throw new UsageError(
        '--parent-port only works inside the desktop app (an Electron utility process); use --stdio.',
      );
    }
    if (useStdio) keepStdoutForProtocol();
    const shutdown = listenForShutdown();
    const dataDir = dataDirForProcess(stringFlag(values, 'data'));

    const secrets = values['parent-secrets'] === true ? createParentSecrets() : null;
    let host: Host;
    try {
      host = await createHost({ dataDir, agents: secrets ? { keySealer: secrets.sealer } : undefined });
    } catch (error) {
      // An expected failure (a read-only data folder, a full disk) is already a sentence: no stack.
      if (isSkeinError(error)) log.error(`The host could not start: ${error.message}`);
      else log.error(`The host could not start with data folder ${dataDir}`, error);
      shutdown.dispose();
      return EXIT_FAILURE;
    }
    const controlSocket = await openHostControlSocket(host);
    // Opened only now: until something reads stdin, early frames (and its end) wait in the stream's buffer.
    const { channel, flush } = openChannel(useStdio);
    const closed = new Promise<string>((resolve) => channel.onClose((reason) => resolve(reason ?? 'closed')));
    host.connect(secrets ? secrets.attach(channel) : channel);
    log.info(`Host ready (pid ${process.pid}, data ${dataDir})`);

    const reason = await Promise.race([closed, shutdown.received]);
    log.info(`Host stopping: ${reason}`);
    await controlSocket?.close();
    try {
      await host.dispose();
    } catch (error) {
      log.error('Disposing the host failed', error);
    }
    await withTimeout(flush(), FLUSH_TIMEOUT_MS);
    channel.close();
    shutdown.dispose();
    return EXIT_OK;
  },
};
