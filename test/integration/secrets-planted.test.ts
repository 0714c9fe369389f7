import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRpcClient,
  SECRET_KEPT,
  type McpServerConfig,
  type RpcClient,
} from '../../src-shared/contract';
import { KEY_FILE, SEALED_KEY_FILE } from '../../src-main/core/agents';
import { openDatabase } from '../../src-main/core/store';
import { createHost } from '../../src-main/host/create-host';
import { stopEscalating, type HostLauncher } from '../../src-main/electron/host-process';
import { createHostSupervisor, type HostSupervisor } from '../../src-main/electron/host-supervisor';
import { createSecretsHandler } from '../../src-main/electron/secrets-handler';
import { createStdioChannel } from '../../src-main/host/transports/stdio-channel';
import { agentEnv, SCRIPTED_MODEL } from '../support/agent-host';
import { resetElectronStub, safeStorage } from '../support/electron-stub';
import { createRepo, TempDirs } from '../support/git-repo';
import {
  MCP_HTTP_AUTH_HEADER,
  startMcpHttpTestServer,
  type McpHttpTestServer,
} from '../support/mcp-http-test-server';
import { MCP_TEST_TOOL, mcpTestServerConfig } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';
import { OtlpCollector } from '../support/otlp-collector';
import { REPO_ROOT, skeinCliArgs } from '../support/skein-cli-process';

/**
 * Issue #9: a planted value of every kind of secret Skein holds must reach only where it is meant
 * to go (the model server, the MCP servers, the collector) and nowhere else: not the database, not
 * another file of the data folder, not the host's log, not the client, not a trace export.
 */
const PLANTED = {
  envKey: 'sk-planted-env-anthropic-3f9a1c77e2',
  storedKey: 'sk-planted-stored-openai-b04d6e18aa',
  mcpEnv: 'planted-mcp-env-5c2e90d1f4',
  mcpHeader: 'planted-mcp-header-8e7b13a6c0',
  otlpHeader: 'planted-otlp-header-d61f2b8e95',
} as const;
const ALL_PLANTED = Object.values(PLANTED);

const dirs = new TempDirs();
let model: ModelServer;
let mcpHttp: McpHttpTestServer;
let collector: OtlpCollector;
let supervisor: HostSupervisor | null = null;

beforeEach(async () => {
  resetElectronStub();
  model = await startModelServer();
  mcpHttp = await startMcpHttpTestServer(PLANTED.mcpHeader);
  collector = await OtlpCollector.start();
});
afterEach(async () => {
  await supervisor?.stop();
  supervisor = null;
  await Promise.all([model.close(), mcpHttp.close(), collector.close()]);
  dirs.cleanup();
});

/** The real host as a child with main's supervisor and safeStorage, its stderr captured (stdout is the protocol). */
function startDesktopHost(dataDir: string, env: NodeJS.ProcessEnv) {
  const log: string[] = [];
  const launch: HostLauncher = () => {
    const child = spawn(
      process.execPath,
      [...skeinCliArgs(), 'host', '--stdio', '--parent-secrets', '--data', dataDir],
      { stdio: ['pipe', 'pipe', 'pipe'], env, cwd: REPO_ROOT },
    );
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    const channel = createStdioChannel({ input: child.stdout, output: child.stdin, ownsStreams: true });
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    return {
      pid: child.pid,
      channel,
      exited,
      stop: () =>
        stopEscalating(
          exited,
          {
            ask: () => channel.close(),
            terminate: () => child.kill('SIGTERM'),
            kill: () => child.kill('SIGKILL'),
          },
          { stopGraceMs: 5_000, termGraceMs: 2_000 },
        ),
    };
  };
  const started = createHostSupervisor({ launch, secrets: createSecretsHandler(safeStorage, 'linux') });
  supervisor = started;
  const frames: string[] = [];
  started.onFrame((text) => frames.push(text));
  started.start();
  const client: RpcClient = createRpcClient({
    send: (text) => started.send(text),
    onMessage: (listener) => started.onFrame(listener),
    onClose: () => () => undefined,
    close: () => undefined,
  });
  return { client, frames, log };
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Which planted values `text` holds. */
const plantedIn = (text: string): string[] => ALL_PLANTED.filter((value) => text.includes(value));

describe('planted secrets', () => {
  it('reach the model, MCP servers and collector, and nothing else', async () => {
    const dataDir = dirs.make('skein-planted-data-');
    const outside = dirs.make('skein-planted-outside-');
    // The stdio server writes its calls to the file its (planted) env value names: proof it got it.
    const callsFile = join(outside, `calls-${PLANTED.mcpEnv}.txt`);
    const env = agentEnv(model, dirs, {
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: PLANTED.envKey,
      SKEIN_LOG_LEVEL: 'debug',
    });
    const { client, frames, log } = startDesktopHost(dataDir, env);

    await client.api.agent.setKey({ provider: 'openai', apiKey: PLANTED.storedKey });
    await client.api.agent.setSettings({ scope: 'user', settings: { approvalPolicy: 'never' } });
    const stdio = mcpTestServerConfig('tickets', callsFile);
    const http: McpServerConfig = {
      name: 'remote',
      transport: 'http',
      url: mcpHttp.url,
      headers: { [MCP_HTTP_AUTH_HEADER]: PLANTED.mcpHeader },
    };
    const saved = await client.api.mcp.save({ scope: 'user', server: stdio });
    await client.api.mcp.save({ scope: 'user', server: http });
    expect(saved.servers[0]?.config).toMatchObject({ env: { MCP_TEST_CALLS: SECRET_KEPT } });
    // Saved again as the form sends it back (the placeholder): the stored value is kept.
    const listed = await client.api.mcp.list({});
    const httpEntry = listed.servers.find((entry) => entry.config.name === 'remote');
    expect(httpEntry?.config).toMatchObject({ headers: { [MCP_HTTP_AUTH_HEADER]: SECRET_KEPT } });
    if (httpEntry) await client.api.mcp.save({ scope: 'user', server: httpEntry.config });
    expect(await client.api.mcp.test({ server: httpEntry?.config ?? http, scope: 'user' })).toMatchObject({
      ok: true,
    });
    await client.api.trace.setSettings({
      otlpEndpoint: collector.tracesUrl,
      otlpHeaders: { 'x-collector-key': PLANTED.otlpHeader },
      includeContent: true,
    });
    expect((await client.api.trace.getSettings({})).otlpHeaders).toEqual({ 'x-collector-key': SECRET_KEPT });

    const repo = createRepo(dirs, { files: { 'README.md': '# demo\n' } });
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const started = await client.api.thread.start({ projectId: project.id, title: 'Planted' });
    await waitFor(
      () =>
        frames.some(
          (frame) =>
            frame.includes('"thread/updated"') &&
            frame.includes(started.id) &&
            frame.includes('"status":"ready"'),
        ) || started.status === 'ready',
      'the thread to be ready',
    );
    model.script([
      {
        toolCalls: [
          { id: 'call_stdio', name: `mcp__tickets__${MCP_TEST_TOOL}`, arguments: { id: 'SK-1' } },
          { id: 'call_http', name: `mcp__remote__${MCP_TEST_TOOL}`, arguments: { id: 'SK-2' } },
        ],
      },
      { toolCalls: [{ id: 'call_shell', name: 'shell', arguments: { command: 'env; echo listed' } }] },
      { text: 'Both tickets time out.' },
    ]);
    await client.api.turn.start({
      threadId: started.id,
      message: 'Look up SK-1 and SK-2',
      provider: 'openai',
    });
    await waitFor(
      () => frames.some((frame) => frame.includes('"turn/completed"') && frame.includes(started.id)),
      'the turn to complete',
      60_000,
    );
    const transcript = await client.api.thread.items({ threadId: started.id });
    const jsonl = (await client.api.trace.export({ threadId: started.id, includeContent: true })).jsonl;
    await waitFor(
      () => collector.spans.some((span) => span.name.startsWith('invoke_agent')),
      'the OTLP export',
    );

    // Each secret went where it is meant to go, so the feature works.
    expect(
      model.requests.filter((request) => request.model === SCRIPTED_MODEL).map((r) => r.apiKey),
    ).toContain(PLANTED.storedKey);
    expect(readFileSync(callsFile, 'utf8')).toContain('SK-1');
    expect(mcpHttp.calls).toContain('SK-2');
    expect(mcpHttp.requests.some((headers) => headers[MCP_HTTP_AUTH_HEADER] === PLANTED.mcpHeader)).toBe(
      true,
    );
    expect(
      collector.requests.every((request) => request.headers['x-collector-key'] === PLANTED.otlpHeader),
    ).toBe(true);
    // The command ran, without the host's keys in its environment.
    expect(JSON.stringify(transcript)).toContain('listed');

    await supervisor?.stop();
    supervisor = null;

    // Nowhere else: not the client (responses and notifications), not a trace, not the log.
    expect(plantedIn(frames.join('\n'))).toEqual([]);
    expect(plantedIn(JSON.stringify(transcript))).toEqual([]);
    expect(plantedIn(jsonl)).toEqual([]);
    expect(plantedIn(collector.requests.map((request) => request.body).join('\n'))).toEqual([]);
    const hostLog = log.join('');
    // Captured at the most verbose level (SKEIN_LOG_LEVEL=debug), servers' starts included.
    expect(hostLog).toContain('Started the MCP server "remote"');
    expect(plantedIn(hostLog)).toEqual([]);
    // Not the data folder: the database and its WAL, and every other file; sealed, not even the key file.
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.map((entry) => entry.name)).toContain('skein.db');
    expect(files.map((entry) => entry.name)).toContain(SEALED_KEY_FILE);
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);
    for (const entry of files) {
      const bytes = readFileSync(join(entry.parentPath, entry.name)).toString('latin1');
      expect({ file: entry.name, planted: plantedIn(bytes) }).toEqual({ file: entry.name, planted: [] });
    }
    expect(safeStorage.sealed).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

/** Every byte of the database and its WAL, as text. */
function databaseText(dataDir: string): string {
  return ['skein.db', 'skein.db-wal']
    .filter((file) => existsSync(join(dataDir, file)))
    .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
    .join('\n');
}

describe('secrets an older Skein wrote in clear', () => {
  it('are moved into the key store at start-up, and go when their server goes', async () => {
    const dataDir = dirs.make('skein-secrets-old-');
    const old = {
      userEnv: 'old-clear-user-env-71c0a9',
      projectHeader: 'old-clear-project-header-2be4f8',
      otlp: 'old-clear-otlp-header-95d3e1',
    };
    // The database as the settings were written before #9: values in the JSON of the rows.
    const db = openDatabase(join(dataDir, 'skein.db'));
    const put = db.prepare(
      'INSERT INTO agent_settings (scope, scope_id, settings_json, updated_at) VALUES (?, ?, ?, 0)',
    );
    put.run(
      'user',
      '',
      JSON.stringify({
        mcpServers: [{ name: 'tickets', transport: 'stdio', command: 'true', env: { TOKEN: old.userEnv } }],
      }),
    );
    put.run(
      'project',
      'p-old',
      JSON.stringify({
        mcpServers: [
          {
            name: 'remote',
            transport: 'http',
            url: 'https://mcp.example.com/mcp',
            headers: { Authorization: old.projectHeader },
          },
        ],
      }),
    );
    db.prepare("INSERT INTO settings (key, value_json) VALUES ('traces', ?)").run(
      JSON.stringify({ otlpEndpoint: null, otlpHeaders: { 'x-key': old.otlp }, includeContent: false }),
    );
    db.close();
    expect(databaseText(dataDir)).toContain(old.userEnv);

    const host = await createHost({ dataDir, shell: '/bin/sh', agents: { env: agentEnv(model, dirs) } });
    try {
      const { settings } = host.services.agents;
      await settings.secretsMigrated;
      await host.services.traces.flush();
      host.services.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(plantedInAny(databaseText(dataDir), Object.values(old))).toEqual([]);
      const keyFile = join(dataDir, KEY_FILE);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(plantedInAny(readFileSync(keyFile, 'utf8'), Object.values(old))).toEqual(Object.values(old));

      // Clients see the placeholder; the host starts servers with the values.
      expect(host.services.mcp.list({}).map((entry) => entry.config)).toEqual([
        { name: 'tickets', transport: 'stdio', command: 'true', env: { TOKEN: SECRET_KEPT } },
      ]);
      expect((await settings.view({})).user.mcpServers?.[0]).toMatchObject({ env: { TOKEN: SECRET_KEPT } });
      expect(host.services.traces.settings().otlpHeaders).toEqual({ 'x-key': SECRET_KEPT });
      const row = settings.layers({}).user?.mcpServers?.[0];
      expect(row && (await settings.unsealMcpServer(row))).toMatchObject({ env: { TOKEN: old.userEnv } });

      // Removing the server, a header and the project's settings removes their secrets.
      await host.services.mcp.remove({ scope: 'user' }, 'tickets');
      await host.services.traces.setSettings({ otlpHeaders: {} });
      await settings.forgetProject('p-old');
      expect(plantedInAny(readFileSync(keyFile, 'utf8'), Object.values(old))).toEqual([]);
    } finally {
      await host.dispose();
    }
  });
});

const plantedInAny = (text: string, values: readonly string[]): string[] =>
  values.filter((value) => text.includes(value));
