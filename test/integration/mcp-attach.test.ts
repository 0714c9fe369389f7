import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlSocketPath, controlTokenPath } from '../../src-main/host/control-socket-files';
import type { RpcClient, Thread } from '../../src-shared/contract';
import { agentEnv } from '../support/agent-host';
import { frame, parseAnswers, rawControlExchange } from '../support/control-socket-fixtures';
import { connectRpc } from '../support/e2e-rpc';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { connectStdioMcp, startHttpMcp, structured, type StdioMcp } from '../support/mcp-server-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';
import { spawnSkein, type SkeinProcess } from '../support/skein-cli-process';

/** Three CLI processes start here (serve, mcp over stdio, mcp over HTTP); each is tsx from source. */
const CLI_START_TIMEOUT_MS = 120_000;

interface Outcome {
  threadId: string;
  status: string;
  finalMessage: string | null;
}

const dirs = new TempDirs();
let model: ModelServer;
let repo: TestRepo;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let serve: SkeinProcess;
let app: RpcClient;
let mcp: StdioMcp;
const appUpdates: Thread[] = [];

function stringEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const call = async (name: string, args: Record<string, unknown>) =>
  (await mcp.client.callTool({ name, arguments: args })) as CallToolResult;

beforeAll(async () => {
  model = await startModelServer();
  repo = createRepo(dirs, { files: { 'README.md': '# shared\n' } });
  dataDir = dirs.make('skein-attach-data-');
  const rendererDir = dirs.make('skein-attach-ui-');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Skein</title>');
  env = agentEnv(model, dirs);
  // `skein serve` plays the desktop app: it holds the data folder, and the agent runs in it.
  serve = spawnSkein(['serve', '--data', dataDir], { ...stringEnv(env), SKEIN_RENDERER_DIR: rendererDir });
  const line = await serve.firstLine(CLI_START_TIMEOUT_MS);
  const url = /^Skein serving at (\S+)$/.exec(line)?.[1];
  if (!url) throw new Error(`Unexpected serve line: ${line}`);
  app = await connectRpc(url);
  app.on('thread/updated', ({ thread }) => appUpdates.push(thread));
  mcp = await connectStdioMcp(dataDir, env);
}, 2 * CLI_START_TIMEOUT_MS);

afterAll(async () => {
  await mcp?.close();
  app?.close();
  await serve?.stop();
  await model?.close();
  dirs.cleanup();
});

describe('skein mcp next to a running host', () => {
  it('attaches to it: a thread started over MCP is the app host’s thread, and the app’s threads are listed over MCP', async () => {
    model.script([{ text: 'Hello from the shared host.' }]);
    const started = structured<Outcome>(await call('thread_start', { repo: repo.path, prompt: 'Say hello' }));
    expect(started).toMatchObject({ status: 'done', finalMessage: 'Hello from the shared host.' });

    const { threads } = await app.api.thread.list({});
    expect(threads.map((thread) => thread.id)).toContain(started.threadId);
    const { items } = await app.api.thread.items({ threadId: started.threadId });
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'agent_message', text: 'Hello from the shared host.' }),
    );
    expect(appUpdates.some((thread) => thread.id === started.threadId)).toBe(true);
    // The serve process still holds the lock: skein mcp did not start a second host.
    expect(readFileSync(join(dataDir, 'host.lock'), 'utf8').split('\n')[0]).toBe(String(serve.child.pid));

    const [project] = (await app.api.project.list({})).projects;
    const fromApp = await app.api.thread.start({ projectId: project?.id ?? '', title: 'Started in the app' });
    const listed = structured<{ threads: { threadId: string; title: string }[] }>(
      await call('thread_list', { repo: repo.path }),
    );
    expect(listed.threads).toContainEqual(
      expect.objectContaining({ threadId: fromApp.id, title: 'Started in the app' }),
    );
    expect(mcp.stderr()).not.toMatch(/Another Skein host/);
  });

  it(
    'skein mcp --http attaches the same way',
    async () => {
      const http = await startHttpMcp(dataDir, env);
      try {
        const client = await http.connect();
        const result = (await client.callTool({ name: 'thread_list', arguments: {} })) as CallToolResult;
        const { threads } = await app.api.thread.list({});
        expect(
          structured<{ threads: { threadId: string }[] }>(result)
            .threads.map((t) => t.threadId)
            .sort(),
        ).toEqual(threads.map((thread) => thread.id).sort());
        expect(threads.length).toBeGreaterThanOrEqual(2);
      } finally {
        expect(await http.close()).toEqual({ code: 0, signal: null });
      }
    },
    CLI_START_TIMEOUT_MS,
  );

  it('the control socket and its token file are 0600, and connections without the right token are refused', async () => {
    expect(statSync(controlSocketPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(controlTokenPath(dataDir)).mode & 0o777).toBe(0o600);

    const wrong = await rawControlExchange(
      dataDir,
      frame({ id: 0, method: 'control/authenticate', params: { token: '0'.repeat(64) } }) +
        frame({ id: 1, method: 'thread/list', params: {} }),
    );
    // One answer, the refusal: the request after the wrong token never reached the host.
    expect(parseAnswers(wrong).map((answer) => [answer.id, answer.error?.code])).toEqual([[0, -32012]]);

    const none = await rawControlExchange(dataDir, frame({ id: 5, method: 'thread/list', params: {} }));
    expect(parseAnswers(none).map((answer) => [answer.id, answer.error?.code])).toEqual([[5, -32012]]);
  });

  it('when the host stops, the attached skein mcp stops too, and the socket and token file are gone', async () => {
    const closed = new Promise<void>((resolve) => (mcp.client.onclose = () => resolve()));
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
    await closed;
    expect(mcp.stderr()).toMatch(/the Skein host went away/);
    expect(existsSync(controlSocketPath(dataDir))).toBe(false);
    expect(existsSync(controlTokenPath(dataDir))).toBe(false);
  });
});
