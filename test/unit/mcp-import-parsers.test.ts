import { describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { sanitizeServerName } from '../../src-main/core/agents/mcp/mcp-import-common';
import { parseCodexConfig } from '../../src-main/core/agents/mcp/mcp-import-codex';
import { parseMcpJson } from '../../src-main/core/agents/mcp/mcp-import-json';

const ENV: NodeJS.ProcessEnv = { GITHUB_TOKEN: 'ghp-test', API_KEY: 'k-1', EMPTY: '' };

function failure(run: () => unknown): SkeinError {
  try {
    run();
  } catch (error) {
    if (error instanceof SkeinError) return error;
    throw error;
  }
  throw new Error('expected a SkeinError');
}

describe('Codex config.toml', () => {
  const codex = (text: string) => parseCodexConfig(text, '/home/u/.codex/config.toml', ENV);

  it('imports stdio and Streamable HTTP servers with their settings', () => {
    const found = codex(`
model = "o3"

[mcp_servers.docs]
command = "npx"
args = ["-y", "@acme/docs-mcp"]
env = { DOCS_LEVEL = "debug" }
cwd = "/srv/docs"

[mcp_servers.tracker]
url = "https://mcp.example.com/mcp"
http_headers = { "X-Team" = "core" }
`);
    expect(found).toEqual([
      {
        sourceName: 'docs',
        config: {
          name: 'docs',
          transport: 'stdio',
          command: 'npx',
          args: ['-y', '@acme/docs-mcp'],
          env: { DOCS_LEVEL: 'debug' },
          cwd: '/srv/docs',
        },
        problem: null,
      },
      {
        sourceName: 'tracker',
        config: {
          name: 'tracker',
          transport: 'http',
          url: 'https://mcp.example.com/mcp',
          headers: { 'X-Team': 'core' },
        },
        problem: null,
      },
    ]);
  });

  it('reads environment-sourced values now and says which, and which are not set', () => {
    const [stdio, http, unset] = codex(`
[mcp_servers.gh]
command = "gh-mcp"
env_vars = ["GITHUB_TOKEN", "NOT_THERE"]
[mcp_servers.api]
url = "https://api.example.com/mcp"
bearer_token_env_var = "API_KEY"
env_http_headers = { "X-Gh" = "GITHUB_TOKEN" }
[mcp_servers.cold]
url = "https://cold.example.com/mcp"
bearer_token_env_var = "EMPTY"
`);
    expect(stdio?.config).toEqual({
      name: 'gh',
      transport: 'stdio',
      command: 'gh-mcp',
      env: { GITHUB_TOKEN: 'ghp-test' },
    });
    expect(stdio?.problem).toContain('$GITHUB_TOKEN');
    expect(stdio?.problem).toContain('$NOT_THERE is not set here');
    expect(http?.config).toEqual({
      name: 'api',
      transport: 'http',
      url: 'https://api.example.com/mcp',
      headers: { 'X-Gh': 'ghp-test', Authorization: 'Bearer k-1' },
    });
    expect(http?.problem).toContain('Skein stores the value');
    expect(unset?.config).toEqual({ name: 'cold', transport: 'http', url: 'https://cold.example.com/mcp' });
    expect(unset?.problem).toContain('$EMPTY is not set here, so the bearer token is left out');
  });

  it('notes what Skein does not have: off in Codex, tool lists, timeouts, unknown keys', () => {
    const [server] = codex(`
[mcp_servers.slow]
command = "slow-mcp"
enabled = false
enabled_tools = ["a"]
startup_timeout_sec = 20
tool_timeout_sec = 60
colour = "blue"
`);
    expect(server?.config).toEqual({ name: 'slow', transport: 'stdio', command: 'slow-mcp' });
    expect(server?.problem).toContain('turned off in Codex');
    expect(server?.problem).toContain('Skein offers them all');
    expect(server?.problem).toContain('a start-up timeout and a tool timeout');
    expect(server?.problem).toContain('Unknown "colour"');
  });

  it('refuses entries with no transport, two transports, misplaced keys or wrong types', () => {
    const found = codex(`
[mcp_servers.none]
args = ["x"]
[mcp_servers.both]
command = "a"
url = "https://b.example.com"
[mcp_servers.mixed]
command = "a"
http_headers = { A = "b" }
[mcp_servers.typed]
command = "a"
args = "not-a-list"
[mcp_servers.badurl]
url = "not a url"
`);
    expect(found.map((entry) => entry.config)).toEqual([null, null, null, null, null]);
    expect(found[0]?.problem).toContain('neither "command"');
    expect(found[1]?.problem).toContain('both "command" and "url"');
    expect(found[2]?.problem).toContain('"http_headers" cannot go with "command"');
    expect(found[3]?.problem).toBe('"args" must be a list of strings.');
    expect(found[4]?.problem).toMatch(/^Not a valid server: url: /);
  });

  it('makes invalid names valid and unique, and says so', () => {
    const found = codex(`
[mcp_servers."my.server"]
command = "a"
[mcp_servers."my-server"]
command = "b"
[mcp_servers."${'x'.repeat(50)}"]
command = "c"
`);
    expect(found.map((entry) => entry.config?.name)).toEqual(['my-server-2', 'my-server', 'x'.repeat(40)]);
    expect(found[0]?.problem).toBe(
      'Imported as "my-server-2": Skein names use 1–40 letters, digits, "-" or "_".',
    );
    expect(found[1]?.problem).toBeNull();
    expect(found[0]?.sourceName).toBe('my.server');
  });

  it('has no servers without [mcp_servers]; broken TOML names its line and column', () => {
    expect(codex('model = "o3"\n')).toEqual([]);
    const error = failure(() => codex('model = "o3"\n[mcp_servers.a\ncommand = "x"\n'));
    expect(error.kind).toBe('INVALID_PARAMS');
    expect(error.message).toMatch(
      /^\/home\/u\/\.codex\/config\.toml is not valid TOML \(line 2, column \d+\): /,
    );
    expect(error.details).toMatchObject({ line: 2 });
    expect(failure(() => codex('mcp_servers = 3\n')).message).toContain('"mcp_servers" must be a table');
  });
});

describe('.mcp.json', () => {
  const json = (value: unknown) => parseMcpJson(JSON.stringify(value, null, 2), '/repo/.mcp.json', ENV);

  it('imports stdio (with or without a type) and http servers', () => {
    const found = json({
      mcpServers: {
        files: { command: 'files-mcp', args: ['--root', '.'], env: { A: 'b' }, cwd: '/repo' },
        typed: { type: 'stdio', command: 'x' },
        remote: { type: 'http', url: 'https://r.example.com/mcp', headers: { 'X-A': 'b' } },
      },
    });
    expect(found).toEqual([
      {
        sourceName: 'files',
        config: {
          name: 'files',
          transport: 'stdio',
          command: 'files-mcp',
          args: ['--root', '.'],
          env: { A: 'b' },
          cwd: '/repo',
        },
        problem: null,
      },
      { sourceName: 'typed', config: { name: 'typed', transport: 'stdio', command: 'x' }, problem: null },
      {
        sourceName: 'remote',
        config: {
          name: 'remote',
          transport: 'http',
          url: 'https://r.example.com/mcp',
          headers: { 'X-A': 'b' },
        },
        problem: null,
      },
    ]);
  });

  it('expands ${VAR} from the environment, uses defaults, keeps unset ones literal and says so', () => {
    const [server] = json({
      mcpServers: {
        gh: {
          type: 'http',
          url: '${BASE:-https://gh.example.com}/mcp',
          headers: { Authorization: 'Bearer ${GITHUB_TOKEN}', 'X-Missing': '${NOPE}' },
        },
      },
    });
    expect(server?.config).toEqual({
      name: 'gh',
      transport: 'http',
      url: 'https://gh.example.com/mcp',
      headers: { Authorization: 'Bearer ghp-test', 'X-Missing': '${NOPE}' },
    });
    expect(server?.problem).toContain('Expanded ${GITHUB_TOKEN}');
    expect(server?.problem).toContain('${NOPE} is not set here and stays as written');
  });

  it('refuses SSE, unknown types and entries missing their command or url', () => {
    const found = json({
      mcpServers: {
        old: { type: 'sse', url: 'https://sse.example.com/sse' },
        odd: { type: 'websocket', url: 'wss://w.example.com' },
        nocommand: { args: ['x'] },
        nourl: { type: 'http', headers: {} },
        notobject: 'npx thing',
      },
    });
    expect(found.map((entry) => entry.config)).toEqual([null, null, null, null, null]);
    expect(found[0]?.problem).toContain('SSE transport, which Skein does not support');
    expect(found[1]?.problem).toContain('unknown "type" "websocket"');
    expect(found[2]?.problem).toBe('Has no "command" to start.');
    expect(found[3]?.problem).toBe('Has no "url".');
    expect(found[4]?.problem).toBe('Not an object of settings.');
  });

  it('renames invalid names and notes unused keys', () => {
    const [server] = json({ mcpServers: { 'Claude Files!': { command: 'x', timeout: 5 } } });
    expect(server?.config?.name).toBe('Claude-Files');
    expect(server?.problem).toContain('Imported as "Claude-Files"');
    expect(server?.problem).toContain('Skein does not use "timeout"');
  });

  it('reports broken JSON with its line and a file without mcpServers', () => {
    const broken = failure(() =>
      parseMcpJson('{\n  "mcpServers": {\n    "a": { "command": "x", }\n  }\n}', '/r/.mcp.json', ENV),
    );
    expect(broken.kind).toBe('INVALID_PARAMS');
    expect(broken.message).toMatch(/^\/r\/\.mcp\.json is not valid JSON \(line 3, column \d+\): /);
    expect(failure(() => parseMcpJson('[]', '/r/.mcp.json', ENV)).message).toContain('not a JSON object');
    expect(failure(() => parseMcpJson('{}', '/r/.mcp.json', ENV)).message).toContain(
      'no "mcpServers" object',
    );
    expect(json({ servers: { a: { command: 'x' } } }).map((entry) => entry.config?.name)).toEqual(['a']);
  });
});

describe('sanitizeServerName', () => {
  it('keeps valid characters, joins the rest with "-", never returns an empty name', () => {
    expect(sanitizeServerName('@acme/docs server')).toBe('acme-docs-server');
    expect(sanitizeServerName('...')).toBe('server');
    expect(sanitizeServerName(`${'a'.repeat(39)}.b`)).toBe('a'.repeat(39));
  });
});
