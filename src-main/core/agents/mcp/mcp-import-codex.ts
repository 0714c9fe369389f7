import { parse, TomlError } from 'smol-toml';
import {
  buildCandidates,
  EntryProblem,
  isTable,
  listOf,
  optionalString,
  optionalStrings,
  optionalStringTable,
  unreadableFile,
  type ParsedCandidate,
  type Translated,
} from './mcp-import-common';

/**
 * Codex's `[mcp_servers.<name>]` tables (codex-rs `RawMcpServerConfig`): stdio with `command`, `args`,
 * `env`, `env_vars`, `cwd`; Streamable HTTP with `url`, `http_headers`, `env_http_headers`,
 * `bearer_token_env_var`. Codex reads some values from its environment each time it starts a server;
 * Skein's configuration holds values, so those are read from the agents' environment now, stored,
 * and the candidate's note says which (and which were not set).
 */

/** Codex settings Skein has no equivalent for; imported without them, with a note. */
const IGNORED: Record<string, string> = {
  startup_timeout_sec: 'a start-up timeout',
  startup_timeout_ms: 'a start-up timeout',
  tool_timeout_sec: 'a tool timeout',
  required: '"required"',
  scopes: 'OAuth scopes',
  oauth_resource: 'an OAuth resource',
};
const STDIO_KEYS = ['command', 'args', 'env', 'env_vars', 'cwd'];
const HTTP_KEYS = ['url', 'http_headers', 'env_http_headers', 'bearer_token_env_var', 'bearer_token'];
const SHARED_KEYS = ['enabled', 'enabled_tools', 'disabled_tools', ...Object.keys(IGNORED)];

function fromEnv(
  names: readonly string[],
  env: NodeJS.ProcessEnv,
  notes: string[],
  what: string,
): Map<string, string> {
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value === '') missing.push(name);
    else found.set(name, value);
  }
  if (found.size > 0) {
    notes.push(
      `Read ${listOf([...found.keys()].map((name) => `$${name}`))} from the environment now (${what}); Skein stores the value.`,
    );
  }
  if (missing.length > 0) {
    notes.push(`${listOf(missing.map((name) => `$${name}`))} is not set here, so ${what} is left out.`);
  }
  return found;
}

function translateCodexEntry(raw: unknown, env: NodeJS.ProcessEnv): Translated {
  if (!isTable(raw)) throw new EntryProblem('Not a table of settings.');
  const command = optionalString(raw, 'command');
  const url = optionalString(raw, 'url');
  if (command !== undefined && url !== undefined)
    throw new EntryProblem('Has both "command" and "url"; Codex refuses this too. Keep one.');
  if (command === undefined && url === undefined)
    throw new EntryProblem('Has neither "command" (a stdio server) nor "url" (a Streamable HTTP one).');

  const notes: string[] = [];
  const own = command !== undefined ? STDIO_KEYS : HTTP_KEYS;
  const other = command !== undefined ? HTTP_KEYS : STDIO_KEYS;
  const misplaced = Object.keys(raw).filter((key) => other.includes(key));
  if (misplaced.length > 0)
    throw new EntryProblem(`${listOf(misplaced.map((k) => `"${k}"`))} cannot go with "${own[0]}".`);

  if (raw.enabled === false)
    notes.push('It is turned off in Codex; Skein imports it on (switch it off per project or thread).');
  if (raw.enabled_tools !== undefined || raw.disabled_tools !== undefined)
    notes.push('Codex limits which of its tools are offered; Skein offers them all, each through approvals.');
  const ignored = Object.entries(IGNORED).filter(([key]) => raw[key] !== undefined);
  if (ignored.length > 0)
    notes.push(`Skein has no ${listOf([...new Set(ignored.map(([, what]) => what))])}; left out.`);
  const unknown = Object.keys(raw).filter((key) => !own.includes(key) && !SHARED_KEYS.includes(key));
  if (unknown.length > 0) notes.push(`Unknown ${listOf(unknown.map((k) => `"${k}"`))} left out.`);

  if (command !== undefined) {
    const args = optionalStrings(raw, 'args');
    const env0 = optionalStringTable(raw, 'env');
    const passed = optionalStrings(raw, 'env_vars') ?? [];
    const cwd = optionalString(raw, 'cwd');
    const copied = fromEnv(passed, env, notes, 'Codex passes it to the server');
    const merged = { ...Object.fromEntries(copied), ...env0 };
    return {
      config: {
        transport: 'stdio',
        command,
        ...(args && args.length > 0 ? { args } : {}),
        ...(Object.keys(merged).length > 0 ? { env: merged } : {}),
        ...(cwd !== undefined ? { cwd } : {}),
      },
      notes,
    };
  }

  const headers: Record<string, string> = { ...optionalStringTable(raw, 'http_headers') };
  const fromVars: Record<string, string> = optionalStringTable(raw, 'env_http_headers') ?? {};
  const values = fromEnv(Object.values(fromVars), env, notes, 'a header Codex sends');
  for (const [header, name] of Object.entries(fromVars)) {
    const value = values.get(name);
    if (value !== undefined) headers[header] = value;
  }
  const tokenVar = optionalString(raw, 'bearer_token_env_var');
  const inline = optionalString(raw, 'bearer_token');
  if (tokenVar !== undefined) {
    const token = fromEnv([tokenVar], env, notes, 'the bearer token').get(tokenVar);
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  } else if (inline !== undefined) {
    headers.Authorization = `Bearer ${inline}`;
    notes.push('Its inline "bearer_token" becomes an Authorization header.');
  }
  return {
    config: { transport: 'http', url, ...(Object.keys(headers).length > 0 ? { headers } : {}) },
    notes,
  };
}

/** The servers of a Codex `config.toml`; a file without `[mcp_servers]` has none. */
export function parseCodexConfig(text: string, path: string, env: NodeJS.ProcessEnv): ParsedCandidate[] {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      throw unreadableFile(path, 'TOML', reason, { line: error.line, column: error.column });
    }
    throw error;
  }
  const servers = document.mcp_servers;
  if (servers === undefined) return [];
  if (!isTable(servers)) throw unreadableFile(path, 'Codex configuration', '"mcp_servers" must be a table.');
  return buildCandidates(Object.entries(servers), (entry) => translateCodexEntry(entry, env));
}
