import {
  buildCandidates,
  EntryProblem,
  isTable,
  lineAndColumn,
  listOf,
  optionalString,
  optionalStrings,
  optionalStringTable,
  unreadableFile,
  type ParsedCandidate,
  type Translated,
} from './mcp-import-common';

/**
 * `.mcp.json` (Claude Code's project servers; VS Code's `servers` key is read too): stdio entries
 * (`command`, `args`, `env`, `cwd`, `type` absent or "stdio") and Streamable HTTP ones (`type: "http"`,
 * `url`, `headers`). Skein has no SSE transport.
 *
 * `${VAR}` and `${VAR:-default}` are expanded when the client starts a server; Skein's configuration
 * holds values, so they are expanded now from the agents' environment (the note names them, since
 * their values are then stored). A variable that is not set and has no default stays literal and the
 * note says so: the server would otherwise start with a wrong value nobody sees.
 */

const EXPANSION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const STDIO_KEYS = ['type', 'command', 'args', 'env', 'cwd'];
const HTTP_KEYS = ['type', 'url', 'headers'];

class Expander {
  readonly used = new Set<string>();
  readonly missing = new Set<string>();
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  expand(text: string): string {
    return text.replace(EXPANSION, (whole, name: string, fallback: string | undefined) => {
      const value = this.env[name];
      if (value !== undefined && value !== '') {
        this.used.add(name);
        return value;
      }
      if (fallback !== undefined) return fallback;
      this.missing.add(name);
      return whole;
    });
  }

  table(table: Record<string, string> | undefined): Record<string, string> | undefined {
    if (table === undefined) return undefined;
    return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, this.expand(value)]));
  }

  notes(): string[] {
    const notes: string[] = [];
    const names = (set: Set<string>) => listOf([...set].map((name) => `\${${name}}`));
    if (this.used.size > 0)
      notes.push(`Expanded ${names(this.used)} from the environment now; Skein stores the value.`);
    if (this.missing.size > 0)
      notes.push(`${names(this.missing)} is not set here and stays as written; edit it before use.`);
    return notes;
  }
}

function translateJsonEntry(raw: unknown, env: NodeJS.ProcessEnv): Translated {
  if (!isTable(raw)) throw new EntryProblem('Not an object of settings.');
  const type = optionalString(raw, 'type');
  const kind = type ?? (raw.url !== undefined && raw.command === undefined ? 'http' : 'stdio');
  if (kind === 'sse')
    throw new EntryProblem(
      'Uses the SSE transport, which Skein does not support; use its Streamable HTTP endpoint.',
    );
  if (kind !== 'stdio' && kind !== 'http' && kind !== 'streamable-http')
    throw new EntryProblem(`Has an unknown "type" "${kind}"; Skein takes "stdio" or "http".`);

  const expander = new Expander(env);
  const notes: string[] = [];
  const known = kind === 'stdio' ? STDIO_KEYS : HTTP_KEYS;
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));

  let config: Record<string, unknown>;
  if (kind === 'stdio') {
    const command = optionalString(raw, 'command');
    if (command === undefined) throw new EntryProblem('Has no "command" to start.');
    const args = optionalStrings(raw, 'args')?.map((arg) => expander.expand(arg));
    const serverEnv = expander.table(optionalStringTable(raw, 'env'));
    const cwd = optionalString(raw, 'cwd');
    config = {
      transport: 'stdio',
      command: expander.expand(command),
      ...(args && args.length > 0 ? { args } : {}),
      ...(serverEnv && Object.keys(serverEnv).length > 0 ? { env: serverEnv } : {}),
      ...(cwd !== undefined ? { cwd: expander.expand(cwd) } : {}),
    };
  } else {
    const url = optionalString(raw, 'url');
    if (url === undefined) throw new EntryProblem('Has no "url".');
    const headers = expander.table(optionalStringTable(raw, 'headers'));
    config = {
      transport: 'http',
      url: expander.expand(url),
      ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
    };
  }
  notes.push(...expander.notes());
  if (unknown.length > 0)
    notes.push(`Skein does not use ${listOf(unknown.map((key) => `"${key}"`))}; left out.`);
  return { config, notes };
}

/** Node's JSON.parse names the failing offset as "at position N"; newer engines add line and column. */
function jsonErrorPlace(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  return position ? lineAndColumn(text, Number(position[1])) : undefined;
}

/** The servers of an `.mcp.json` file. */
export function parseMcpJson(text: string, path: string, env: NodeJS.ProcessEnv): ParsedCandidate[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const reason = error.message
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/ in JSON at position \d+.*$/, '');
    throw unreadableFile(path, 'JSON', reason, jsonErrorPlace(text, error.message));
  }
  if (!isTable(document)) throw unreadableFile(path, 'MCP configuration', 'it is not a JSON object.');
  const servers = document.mcpServers ?? document.servers;
  if (servers === undefined)
    throw unreadableFile(path, 'MCP configuration', 'it has no "mcpServers" object.');
  if (!isTable(servers)) throw unreadableFile(path, 'MCP configuration', '"mcpServers" must be an object.');
  return buildCandidates(Object.entries(servers), (entry) => translateJsonEntry(entry, env));
}
