import { mcpServerConfigSchema, type McpServerConfig } from '../../../src-shared/contract';

/** One editable name/value pair: an environment variable or an HTTP header. */
export interface KeyValueRow {
  key: string;
  value: string;
}

/**
 * The add/edit form as typed: both transports' fields are kept, so switching transport back and
 * forth loses nothing; only the chosen transport's fields are saved.
 */
export interface McpFormValues {
  name: string;
  transport: 'stdio' | 'http';
  command: string;
  args: string[];
  env: KeyValueRow[];
  cwd: string;
  url: string;
  headers: KeyValueRow[];
}

export type McpFormField = 'name' | 'command' | 'args' | 'env' | 'cwd' | 'url' | 'headers';
export type McpFormErrors = Partial<Record<McpFormField, string>>;

export type McpFormResult = { ok: true; config: McpServerConfig } | { ok: false; errors: McpFormErrors };

export const EMPTY_FORM: McpFormValues = {
  name: '',
  transport: 'stdio',
  command: '',
  args: [],
  env: [],
  cwd: '',
  url: '',
  headers: [],
};

/** Same pattern as the contract's env record key: a name a shell would accept. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function rowsFrom(record: Record<string, string> | undefined): KeyValueRow[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));
}

export function formFromConfig(config: McpServerConfig): McpFormValues {
  if (config.transport === 'stdio') {
    return {
      ...EMPTY_FORM,
      name: config.name,
      transport: 'stdio',
      command: config.command,
      args: [...(config.args ?? [])],
      env: rowsFrom(config.env),
      cwd: config.cwd ?? '',
    };
  }
  return {
    ...EMPTY_FORM,
    name: config.name,
    transport: 'http',
    url: config.url,
    headers: rowsFrom(config.headers),
  };
}

/**
 * Rows to a record. Rows left wholly empty are dropped (the "add row" button leaves one behind);
 * a value without a name, or a name twice, is the person's mistake and is said so.
 */
export function recordFromRows(
  rows: readonly KeyValueRow[],
  what: 'variable' | 'header',
): { record: Record<string, string> } | { error: string } {
  const record: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (key === '') return { error: `Give each ${what} a name, or remove the row.` };
    if (what === 'variable' && !ENV_NAME.test(key)) {
      return {
        error: `"${key}" is not a valid variable name: use letters, digits and "_", not starting with a digit.`,
      };
    }
    const folded = what === 'header' ? key.toLowerCase() : key;
    if (seen.has(folded)) return { error: `The ${what} "${key}" is set twice.` };
    seen.add(folded);
    record[key] = row.value;
  }
  return { record };
}

/** Friendlier words than zod's defaults for the fields where its defaults say little. */
function fieldMessage(field: McpFormField, code: string, message: string): string {
  if (field === 'command' && code === 'too_small') return 'Enter the command that starts the server.';
  if (field === 'url' && (code === 'invalid_format' || code === 'invalid_string')) {
    return 'Enter a full URL, like https://example.com/mcp.';
  }
  return message;
}

const FIELDS: readonly McpFormField[] = ['name', 'command', 'args', 'env', 'cwd', 'url', 'headers'];

function isField(value: unknown): value is McpFormField {
  return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

/** The form as the configuration `mcp/save` and `mcp/test` take, checked by the contract's schema. */
export function configFromForm(values: McpFormValues): McpFormResult {
  const errors: McpFormErrors = {};
  let candidate: Record<string, unknown>;
  const name = values.name.trim();
  if (values.transport === 'stdio') {
    const env = recordFromRows(values.env, 'variable');
    if ('error' in env) errors.env = env.error;
    // Empty argument rows are kept: "" is a real argument; only trailing blanks are dropped.
    const args = [...values.args];
    while (args.length > 0 && args[args.length - 1] === '') args.pop();
    candidate = {
      name,
      transport: 'stdio',
      command: values.command.trim(),
      ...(args.length > 0 ? { args } : {}),
      ...('record' in env && Object.keys(env.record).length > 0 ? { env: env.record } : {}),
      ...(values.cwd.trim() !== '' ? { cwd: values.cwd.trim() } : {}),
    };
  } else {
    const headers = recordFromRows(values.headers, 'header');
    if ('error' in headers) errors.headers = headers.error;
    candidate = {
      name,
      transport: 'http',
      url: values.url.trim(),
      ...('record' in headers && Object.keys(headers.record).length > 0 ? { headers: headers.record } : {}),
    };
  }
  const parsed = mcpServerConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (!isField(field) || errors[field] !== undefined) continue;
      // A bad record key's own words are one level down ("Use a valid HTTP header name.").
      const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
      const key = issue.path[1];
      errors[field] =
        inner !== undefined && typeof key === 'string'
          ? `"${key}": ${inner}`
          : fieldMessage(field, issue.code, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { name: 'Check the fields.' } };
  }
  return { ok: true, config: parsed.data };
}

/** One line saying what a server runs or where it is: for lists and previews. */
export function describeTarget(config: McpServerConfig): string {
  if (config.transport === 'http') return config.url;
  return [config.command, ...(config.args ?? []).map(quoteArg)].join(' ');
}

function quoteArg(arg: string): string {
  return arg === '' || /[\s"'\\]/.test(arg) ? JSON.stringify(arg) : arg;
}
