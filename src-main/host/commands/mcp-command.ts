import { createLogger } from '../../core/log';
import { dataDirForProcess } from '../data-dir';
import { serveMcpOverStdio, startMcpHttpServer } from '../mcp';
import { EXIT_FAILURE, EXIT_OK, parsePort, stringFlag, UsageError, type CliCommand } from './cli-command';
import { linkMcpToHost, type McpHostLink } from './mcp-host-link';
import { listenForShutdown } from './shutdown-signal';

const log = createLogger('mcp');

/** Lets an MCP client's config keep one token across restarts; a random one otherwise. */
const TOKEN_ENV = 'SKEIN_MCP_TOKEN';

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'Let MCP clients (agents, IDEs, scripts) drive Skein threads.',
  help: [
    'Usage: skein mcp [--data DIR] [--http [--port N]]',
    '',
    'Speaks the Model Context Protocol over stdin/stdout (nothing else is written to stdout;',
    'logs go to stderr). Tools: thread_start, thread_reply, thread_status, thread_list, thread_diff,',
    'thread_interrupt, thread_approve, conflicts_get, skills_list.',
    '',
    'Options:',
    '  --data DIR   Data folder (default: $SKEIN_DATA_DIR, else the platform app-data folder).',
    '               When the desktop app or `skein serve` runs on it, skein mcp attaches to that',
    '               host (threads show up there); otherwise it runs its own, and the app cannot',
    '               start on the folder until skein mcp stops.',
    '  --http       Serve Streamable HTTP on 127.0.0.1 instead, and print the URL and bearer token.',
    '  --port N     Port for --http (default: a free one).',
    '',
    `Environment: ${TOKEN_ENV} sets the --http bearer token (default: a random one per start).`,
  ].join('\n'),
  options: {
    data: { type: 'string' },
    http: { type: 'boolean' },
    port: { type: 'string' },
  },

  async run(values, io) {
    const http = values.http === true;
    const portFlag = stringFlag(values, 'port');
    if (portFlag !== undefined && !http) throw new UsageError('--port only applies with --http.');
    const port = parsePort(portFlag);
    const dataDir = dataDirForProcess(stringFlag(values, 'data'));
    const shutdown = listenForShutdown();
    let link: McpHostLink;
    try {
      link = await linkMcpToHost(dataDir);
    } catch (error) {
      shutdown.dispose();
      io.err(error instanceof Error ? error.message : String(error));
      return EXIT_FAILURE;
    }
    let hostGone = false;
    // An attached host that quits ends skein mcp too: its tools would only fail from then on.
    const stop = Promise.race([
      shutdown.received,
      link.gone.then((reason) => {
        hostGone = true;
        io.err(`skein mcp: the Skein host went away (${reason}); stopping.`);
        return `host gone: ${reason}`;
      }),
    ]);
    try {
      if (!http) {
        log.info(`Stopping: ${await serveMcpOverStdio(link.rpc, stop)}`);
        return hostGone ? EXIT_FAILURE : EXIT_OK;
      }
      const server = await startMcpHttpServer({
        rpc: link.rpc,
        port,
        token: io.env[TOKEN_ENV] || undefined,
      });
      io.out(`Skein MCP at ${server.url} (send "Authorization: Bearer ${server.token}")`);
      log.info(`Stopping: ${await stop}`);
      await server.close();
      return hostGone ? EXIT_FAILURE : EXIT_OK;
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      return EXIT_FAILURE;
    } finally {
      shutdown.dispose();
      await link.dispose();
    }
  },
};
