import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_KEPT, type McpServerConfig, type McpServerEntry } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { MCP_TEST_TOOL, mcpTestServerConfig } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let codexHome: string;
let changes: Array<string | null>;

const stdio = (name: string, command = 'true'): McpServerConfig => ({ name, transport: 'stdio', command });
const http = (name: string, url = 'https://mcp.example.com/mcp'): McpServerConfig => ({
  name,
  transport: 'http',
  url,
});
const summary = (servers: McpServerEntry[]) =>
  servers.map((entry) => [
    entry.config.name,
    entry.scope,
    entry.overridden,
    entry.enabled,
    entry.enabledSource,
  ]);

beforeEach(async () => {
  server = await startModelServer();
  codexHome = dirs.make('skein-codex-home-');
  test = await AgentTestHost.start(
    dirs.make('skein-mcp-data-'),
    agentEnv(server, dirs, { CODEX_HOME: codexHome, MCP_IMPORT_TOKEN: 'tok-123' }),
  );
  changes = [];
  test.client.on('mcp/changed', ({ name }) => changes.push(name));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

describe('MCP server configurations', () => {
  it('saves, renames and removes servers in the user and project layers; project servers override', async () => {
    const { projectId, thread } = await createAgentThread(test, dirs);
    const api = test.client.api.mcp;

    expect(
      (await api.save({ scope: 'user', server: stdio('docs') })).servers.map((e) => e.config.name),
    ).toEqual(['docs']);
    await api.save({ scope: 'user', server: http('tracker') });
    await api.save({ scope: 'project', projectId, server: http('docs', 'https://project.example.com/mcp') });
    expect(changes).toEqual(['docs', 'tracker', 'docs']);

    const inProject = await api.list({ projectId });
    expect(summary(inProject.servers)).toEqual([
      ['docs', 'user', true, true, 'default'],
      ['tracker', 'user', false, true, 'default'],
      ['docs', 'project', false, true, 'default'],
    ]);
    expect(inProject.servers[0]).toMatchObject({
      status: 'stopped',
      pid: null,
      tools: null,
      lastError: null,
      usedBy: [],
    });
    // Without a project, only the user's; through a thread, its project's too.
    expect(summary((await api.list({})).servers)).toEqual([
      ['docs', 'user', false, true, 'default'],
      ['tracker', 'user', false, true, 'default'],
    ]);
    expect((await api.list({ threadId: thread.id })).servers).toHaveLength(3);
    // The agent settings see the same layers.
    const view = await test.client.api.agent.getSettings({ projectId });
    expect(view.user.mcpServers?.map((entry) => entry.name)).toEqual(['docs', 'tracker']);
    expect(view.effective.mcpServers).toEqual([
      { name: 'docs', transport: 'http', url: 'https://project.example.com/mcp' },
      http('tracker'),
    ]);

    // Replace by name keeps the position; a rename replaces in place.
    await api.save({ scope: 'user', server: stdio('docs', 'docs-mcp') });
    const renamed = await api.save({ scope: 'user', server: http('issues'), previousName: 'tracker' });
    expect(renamed.servers.map((entry) => entry.config)).toEqual([stdio('docs', 'docs-mcp'), http('issues')]);
    expect(changes.slice(-3)).toEqual(['docs', 'tracker', 'issues']);

    const removed = await api.remove({ scope: 'project', projectId, name: 'docs' });
    expect(summary(removed.servers)).toEqual([
      ['docs', 'user', false, true, 'default'],
      ['issues', 'user', false, true, 'default'],
    ]);
    expect((await test.client.api.agent.getSettings({ projectId })).project?.mcpServers).toBeUndefined();
  });

  it('refuses what it cannot do with sentences that say why', async () => {
    const { projectId } = await createAgentThread(test, dirs);
    const api = test.client.api.mcp;
    await api.save({ scope: 'user', server: stdio('a') });
    await api.save({ scope: 'user', server: stdio('b') });

    const duplicate = await rpcFailure(api.save({ scope: 'user', server: stdio('b'), previousName: 'a' }));
    expect([duplicate.kind, duplicate.message]).toEqual([
      'INVALID_PARAMS',
      `An MCP server named "b" already exists in the user's settings; choose another name.`,
    ]);
    const unknown = await rpcFailure(api.save({ scope: 'user', server: stdio('c'), previousName: 'zzz' }));
    expect([unknown.kind, unknown.message]).toEqual([
      'NOT_FOUND',
      `There is no MCP server "zzz" in the user's settings to rename.`,
    ]);
    const noProject = await rpcFailure(api.save({ scope: 'project', server: stdio('c') }));
    expect([noProject.kind, noProject.message]).toEqual([
      'INVALID_PARAMS',
      "A project's MCP servers need a projectId.",
    ]);
    expect((await rpcFailure(api.remove({ scope: 'project', projectId, name: 'a' }))).message).toBe(
      `There is no MCP server "a" in the project's settings.`,
    );
    expect((await rpcFailure(api.setEnabled({ name: 'nope', projectId, enabled: false }))).kind).toBe(
      'NOT_FOUND',
    );
    expect((await rpcFailure(api.setEnabled({ name: 'a', enabled: false }))).message).toContain(
      'needs a projectId or a threadId',
    );
    expect((await rpcFailure(api.restart({ name: 'nope' }))).kind).toBe('NOT_FOUND');
    const badName = await rpcFailure(api.save({ scope: 'user', server: stdio('has space') }));
    expect(badName.kind).toBe('INVALID_PARAMS');
    expect(badName.message).toContain('MCP server name');
    expect((await api.list({})).servers.map((entry) => entry.config.name)).toEqual(['a', 'b']);
  });

  it('turns servers on and off per project and per thread; null goes back to the wider scope', async () => {
    const { projectId, thread } = await createAgentThread(test, dirs);
    const api = test.client.api.mcp;
    await api.save({ scope: 'user', server: stdio('docs') });
    const state = async (target: { projectId?: string; threadId?: string }) => {
      const entry = (await api.list(target)).servers[0];
      return [entry?.enabled, entry?.enabledSource];
    };

    await api.setEnabled({ name: 'docs', projectId, enabled: false });
    expect(await state({ projectId })).toEqual([false, 'project']);
    expect(await state({ threadId: thread.id })).toEqual([false, 'project']);
    await api.setEnabled({ name: 'docs', threadId: thread.id, enabled: true });
    expect(await state({ threadId: thread.id })).toEqual([true, 'thread']);
    expect(await state({ projectId })).toEqual([false, 'project']);
    await api.setEnabled({ name: 'docs', projectId, enabled: null });
    expect(await state({ projectId })).toEqual([true, 'default']);
    await api.setEnabled({ name: 'docs', threadId: thread.id, enabled: null });
    expect(await state({ threadId: thread.id })).toEqual([true, 'default']);
    expect(changes.filter((name) => name === 'docs')).toHaveLength(5);

    // A rename keeps the switch: a server turned off does not come back on under its new name.
    await api.setEnabled({ name: 'docs', projectId, enabled: false });
    await api.save({ scope: 'user', server: stdio('manuals'), previousName: 'docs' });
    expect(summary((await api.list({ projectId })).servers)).toEqual([
      ['manuals', 'user', false, false, 'project'],
    ]);
  });

  it('gives a turn only the servers enabled for its thread', async () => {
    const { projectId, thread } = await createAgentThread(test, dirs);
    const callsFile = join(dirs.make('skein-mcp-calls-'), 'calls.txt');
    const api = test.client.api.mcp;
    await api.save({ scope: 'user', server: mcpTestServerConfig('tickets', callsFile) });
    await api.save({ scope: 'project', projectId, server: mcpTestServerConfig('archive', callsFile) });
    const toolsOfLastRequest = () => server.requests.at(-1)?.tools.map((tool) => tool.name) ?? [];

    await api.setEnabled({ name: 'archive', projectId, enabled: false });
    server.script([{ text: 'One.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Hi', provider: 'openai' });
    await test.turnCompleted(thread.id);
    expect(toolsOfLastRequest()).toContain(`mcp__tickets__${MCP_TEST_TOOL}`);
    expect(toolsOfLastRequest()).not.toContain(`mcp__archive__${MCP_TEST_TOOL}`);
    // The list shows what the manager knows: the used server running with its tools, the other not started.
    const entries = (await api.list({ threadId: thread.id })).servers;
    const tickets = entries.find((entry) => entry.config.name === 'tickets');
    expect(tickets).toMatchObject({ status: 'running', enabled: true, enabledSource: 'default' });
    expect(tickets?.pid).toBeGreaterThan(0);
    expect(tickets?.tools?.map((tool) => tool.name)).toContain(MCP_TEST_TOOL);
    expect(entries.find((entry) => entry.config.name === 'archive')).toMatchObject({
      status: 'stopped',
      enabled: false,
      enabledSource: 'project',
    });
    expect(changes).toContain('tickets');
    await api.restart({ name: 'tickets', projectId });
    expect((await api.list({ projectId })).servers.find((e) => e.config.name === 'tickets')?.status).toBe(
      'stopped',
    );

    // The thread's switch beats the project's.
    await api.setEnabled({ name: 'archive', threadId: thread.id, enabled: true });
    await api.setEnabled({ name: 'tickets', threadId: thread.id, enabled: false });
    server.script([{ text: 'Two.' }]);
    await test.client.api.turn.start({ threadId: thread.id, message: 'Again', provider: 'openai' });
    await test.turnCompleted(thread.id, 2);
    expect(toolsOfLastRequest()).toContain(`mcp__archive__${MCP_TEST_TOOL}`);
    expect(toolsOfLastRequest()).not.toContain(`mcp__tickets__${MCP_TEST_TOOL}`);
  });

  it('tests a configuration through the manager: tools listed, or why not', async () => {
    const callsFile = join(dirs.make('skein-mcp-calls-'), 'calls.txt');
    const ok = await test.client.api.mcp.test({ server: mcpTestServerConfig('tickets', callsFile) });
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.tools.map((tool) => tool.name)).toContain(MCP_TEST_TOOL);
    const broken = await test.client.api.mcp.test({
      server: stdio('broken', join(callsFile, 'no-such-server')),
    });
    expect(broken.ok).toBe(false);
    expect(broken.ok ? '' : broken.message).not.toBe('');
    // Nothing was saved.
    expect((await test.client.api.mcp.list({})).servers).toEqual([]);
  });
});

describe('MCP server imports', () => {
  it("previews and imports Codex's config.toml from CODEX_HOME", async () => {
    writeFileSync(
      join(codexHome, 'config.toml'),
      [
        'model = "o3"',
        '[mcp_servers.docs]',
        'command = "docs-mcp"',
        'args = ["--stdio"]',
        '[mcp_servers.remote]',
        'url = "https://remote.example.com/mcp"',
        'bearer_token_env_var = "MCP_IMPORT_TOKEN"',
        '[mcp_servers."odd.name"]',
        'command = "odd"',
        '[mcp_servers.broken]',
        'args = ["no command"]',
      ].join('\n'),
    );
    const api = test.client.api.mcp;
    await api.save({ scope: 'user', server: stdio('docs', 'old-docs') });
    const preview = await api.importPreview({ source: { kind: 'codex' }, scope: 'user' });
    expect(preview.path).toBe(join(codexHome, 'config.toml'));
    expect(preview.candidates.map((c) => [c.sourceName, c.config?.name ?? null, c.exists])).toEqual([
      ['docs', 'docs', true],
      ['remote', 'remote', false],
      ['odd.name', 'odd-name', false],
      ['broken', null, false],
    ]);
    expect(preview.candidates[1]?.config).toEqual({
      name: 'remote',
      transport: 'http',
      url: 'https://remote.example.com/mcp',
      // The token read from the environment stays in the host: the client sees the placeholder.
      headers: { Authorization: SECRET_KEPT },
    });
    expect(preview.candidates[3]?.problem).toContain('neither "command"');
    // Nothing saved by a preview.
    expect((await api.list({})).servers.map((entry) => entry.config)).toEqual([stdio('docs', 'old-docs')]);

    changes.length = 0;
    const chosen = preview.candidates.flatMap((candidate) => (candidate.config ? [candidate.config] : []));
    const imported = await api.import({ scope: 'user', servers: chosen });
    expect(imported.servers.map((entry) => entry.config.name)).toEqual(['docs', 'remote', 'odd-name']);
    expect(imported.servers[0]?.config).toEqual({
      name: 'docs',
      transport: 'stdio',
      command: 'docs-mcp',
      args: ['--stdio'],
    });
    expect(imported.servers[1]?.config).toMatchObject({ headers: { Authorization: SECRET_KEPT } });
    // Imported with the value the preview read (the placeholder came back), sealed out of the row.
    const { settings } = test.host.services.agents;
    const row = settings.layers({}).user?.mcpServers?.find((server) => server.name === 'remote');
    expect(JSON.stringify(row)).not.toContain('tok-123');
    expect(row && (await settings.unsealMcpServer(row))).toMatchObject({
      headers: { Authorization: 'Bearer tok-123' },
    });
    expect(changes).toEqual([null]);
  });

  it("imports a repository's .mcp.json into the project, and a named file", async () => {
    const mcpJson = JSON.stringify({
      mcpServers: {
        files: { command: 'files-mcp', args: ['.'] },
        legacy: { type: 'sse', url: 'https://sse.example.com/sse' },
      },
    });
    const { projectId } = await createAgentThread(test, dirs, {
      'README.md': '# demo\n',
      '.mcp.json': mcpJson,
    });
    const api = test.client.api.mcp;
    const preview = await api.importPreview({
      source: { kind: 'project', projectId },
      scope: 'project',
      projectId,
    });
    expect(preview.candidates.map((c) => [c.sourceName, c.config?.name ?? null])).toEqual([
      ['files', 'files'],
      ['legacy', null],
    ]);
    expect(preview.candidates[1]?.problem).toContain('SSE');
    const imported = await api.import({
      scope: 'project',
      projectId,
      servers: [preview.candidates[0]?.config ?? stdio('missing')],
    });
    expect(summary(imported.servers)).toEqual([['files', 'project', false, true, 'default']]);

    const folder = dirs.make('skein-mcp-file-');
    mkdirSync(join(folder, 'conf'));
    writeFileSync(join(folder, 'conf', 'servers.toml'), '[mcp_servers.fromfile]\ncommand = "x"\n');
    const fromFile = await api.importPreview({
      source: { kind: 'file', path: join(folder, 'conf', 'servers.toml') },
      scope: 'user',
    });
    expect(fromFile.candidates.map((c) => c.config?.name)).toEqual(['fromfile']);
  });

  it('says clearly when a source is missing or broken', async () => {
    const api = test.client.api.mcp;
    const missing = await rpcFailure(api.importPreview({ source: { kind: 'codex' }, scope: 'user' }));
    expect([missing.kind, missing.message]).toEqual([
      'PATH_NOT_FOUND',
      `There is no Codex configuration at ${join(codexHome, 'config.toml')}.`,
    ]);
    writeFileSync(join(codexHome, 'config.toml'), '[mcp_servers.a]\ncommand = "x"\nargs = [\n');
    const broken = await rpcFailure(api.importPreview({ source: { kind: 'codex' }, scope: 'user' }));
    expect(broken.kind).toBe('INVALID_PARAMS');
    expect(broken.message).toMatch(/config\.toml is not valid TOML \(line \d+, column \d+\)/);
    const relative = await rpcFailure(
      api.importPreview({ source: { kind: 'file', path: 'x.json' }, scope: 'user' }),
    );
    expect(relative.message).toBe(`Give the file's full path (not "x.json").`);
    const noProject = await rpcFailure(api.importPreview({ source: { kind: 'codex' }, scope: 'project' }));
    expect(noProject.message).toBe("A project's MCP servers need a projectId.");
    const twice = await rpcFailure(api.import({ scope: 'user', servers: [stdio('a'), stdio('a', 'b')] }));
    expect(twice.message).toBe('Two of the servers to import are named "a"; rename one.');
  });
});
