import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { SECRET_KEPT, type McpServerConfig } from '../../src-shared/contract';
import { KeyValueRows } from '../../src-renderer/features/mcp/key-value-rows';
import {
  EMPTY_FORM,
  configFromForm,
  describeTarget,
  formFromConfig,
  recordFromRows,
  type McpFormValues,
} from '../../src-renderer/features/mcp/mcp-form';

const stdio: McpServerConfig = {
  name: 'tickets',
  transport: 'stdio',
  command: 'node',
  args: ['--import', 'tsx', 'server with space.ts'],
  env: { API_TOKEN: 'secret', EMPTY: '' },
  cwd: '/work',
};

const http: McpServerConfig = {
  name: 'remote',
  transport: 'http',
  url: 'https://example.com/mcp',
  headers: { Authorization: 'Bearer abc' },
};

function form(patch: Partial<McpFormValues>): McpFormValues {
  return { ...EMPTY_FORM, ...patch };
}

describe('MCP server form ↔ configuration', () => {
  test('a stdio configuration survives the round trip through the form', () => {
    const values = formFromConfig(stdio);
    expect(values.args).toEqual(['--import', 'tsx', 'server with space.ts']);
    expect(values.env).toEqual([
      { key: 'API_TOKEN', value: 'secret' },
      { key: 'EMPTY', value: '' },
    ]);
    expect(configFromForm(values)).toEqual({ ok: true, config: stdio });
  });

  test('an HTTP configuration survives the round trip, and switching transport keeps the other fields', () => {
    const values = formFromConfig(http);
    expect(configFromForm(values)).toEqual({ ok: true, config: http });
    const asStdio = { ...values, transport: 'stdio' as const, command: 'npx' };
    const back = configFromForm({ ...asStdio, transport: 'http' });
    expect(back).toEqual({ ok: true, config: http });
  });

  test('empty optional fields are left out, not saved as empty values', () => {
    const result = configFromForm(
      form({ name: 'bare', command: '  npx ', args: ['pkg', '', ''], env: [{ key: '', value: '' }] }),
    );
    expect(result).toEqual({
      ok: true,
      config: { name: 'bare', transport: 'stdio', command: 'npx', args: ['pkg'] },
    });
  });

  test('an empty argument in the middle is a real argument and is kept', () => {
    const result = configFromForm(form({ name: 'a', command: 'x', args: ['--flag', '', 'value'] }));
    expect(result.ok && result.config.transport === 'stdio' && result.config.args).toEqual([
      '--flag',
      '',
      'value',
    ]);
  });

  test('each field gets its own message', () => {
    const result = configFromForm(form({ name: 'bad name!', command: ' ' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toContain('MCP server name');
    expect(result.errors.command).toBe('Enter the command that starts the server.');
  });

  test('a URL that is not one says what to type', () => {
    const result = configFromForm(form({ name: 'r', transport: 'http', url: 'example.com/mcp' }));
    expect(result).toEqual({
      ok: false,
      errors: { url: 'Enter a full URL, like https://example.com/mcp.' },
    });
  });

  test('header names are checked by the schema, with its message', () => {
    const result = configFromForm(
      form({
        name: 'r',
        transport: 'http',
        url: 'https://x.test',
        headers: [{ key: 'Bad Header', value: 'v' }],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.headers).toBe('"Bad Header": Use a valid HTTP header name.');
  });
});

describe('name/value rows', () => {
  test('a value without a name is refused', () => {
    expect(recordFromRows([{ key: ' ', value: 'x' }], 'variable')).toEqual({
      error: 'Give each variable a name, or remove the row.',
    });
  });

  test('an environment name a shell would not accept is refused', () => {
    const result = recordFromRows([{ key: '1TOKEN', value: 'x' }], 'variable');
    expect('error' in result && result.error).toContain('"1TOKEN" is not a valid variable name');
  });

  test('the same name twice is refused; header names compare without case', () => {
    expect(
      recordFromRows(
        [
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
        ],
        'variable',
      ),
    ).toEqual({ error: 'The variable "A" is set twice.' });
    expect(
      recordFromRows(
        [
          { key: 'Authorization', value: '1' },
          { key: 'authorization', value: '2' },
        ],
        'header',
      ),
    ).toEqual({ error: 'The header "authorization" is set twice.' });
  });

  test('names are trimmed, values kept as typed', () => {
    expect(recordFromRows([{ key: ' TOKEN ', value: ' spaced ' }], 'variable')).toEqual({
      record: { TOKEN: ' spaced ' },
    });
  });
});

test('a server is described by its command line or URL, quoting arguments that need it', () => {
  expect(describeTarget(stdio)).toBe('node --import tsx "server with space.ts"');
  expect(describeTarget(http)).toBe('https://example.com/mcp');
});

describe('kept secrets in the MCP form', () => {
  const kept: McpServerConfig = {
    name: 'remote',
    transport: 'http',
    url: 'https://example.com/mcp',
    headers: { Authorization: SECRET_KEPT },
  };

  test('a value the host kept goes back as the placeholder when saved unchanged', () => {
    const values = formFromConfig(kept);
    expect(values.headers).toEqual([{ key: 'Authorization', value: SECRET_KEPT }]);
    expect(configFromForm(values)).toEqual({ ok: true, config: kept });
    const replaced = { ...values, headers: [{ key: 'Authorization', value: 'Bearer new' }] };
    expect(configFromForm(replaced)).toMatchObject({ config: { headers: { Authorization: 'Bearer new' } } });
  });

  test('a kept value shows as a password field with the placeholder, and cannot be revealed', () => {
    const html = renderToStaticMarkup(
      createElement(KeyValueRows, {
        legend: 'Headers',
        noun: 'Header',
        rows: [
          { key: 'Authorization', value: SECRET_KEPT },
          { key: 'X-Plain', value: 'typed' },
        ],
        onChange: () => undefined,
        keyPlaceholder: 'Authorization',
      }),
    );
    const inputs = html.match(/<input[^>]*aria-label="Header \d value"[^>]*>/g) ?? [];
    expect(inputs).toHaveLength(2);
    for (const input of inputs) expect(input).toContain('type="password"');
    expect(inputs[0]).toContain(`value="${SECRET_KEPT}"`);
    const buttons = html.match(/<button[^>]*aria-label="Show header \d value"[^>]*>/g) ?? [];
    expect(buttons[0]).toContain('disabled');
    expect(buttons[1]).not.toContain('disabled');
  });
});
