import { parseArgs } from 'node:util';
import { type ScriptFile, readScriptFile } from './script-file';
import { startModelServer } from './server';

/**
 * Runs the scripted model server on its own, for manual runs and subprocess clients:
 *   npx tsx test/support/model-server/standalone.ts --port 8787 --script replies.json [--models a,b]
 * Prints the URL on the first stdout line; every request is logged to stderr; stops on SIGINT/SIGTERM.
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    script: { type: 'string' },
    models: { type: 'string' },
  },
});

function loadScript(path: string | undefined): ScriptFile {
  if (path === undefined) return { replies: [] };
  try {
    return readScriptFile(path);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

const scriptFile = loadScript(values.script);
const models = values.models?.split(',').filter((id) => id !== '') ?? scriptFile.models;
const server = await startModelServer({
  port: Number(values.port),
  ...(models ? { models } : {}),
  onRequest: (request) => {
    process.stderr.write(
      `${request.method} ${request.path} model=${request.model ?? '-'} stream=${request.stream}\n`,
    );
  },
});
server.script(scriptFile.replies);
process.stdout.write(`${server.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
