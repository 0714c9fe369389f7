import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { McpServerConfig } from '../../src-shared/contract';
import { agentServeEnv } from './e2e-agent-page';
import { startServe, type ServeProcess } from './e2e-serve';
import { mcpTestServerConfig } from './mcp-test-fixtures';
import type { ModelServer } from './model-server';

/** Serves with the scripted model and HOME/CODEX_HOME in temp folders: the machine's servers never show. */
export async function startMcpServe(
  tempRoot: string,
  model: ModelServer,
): Promise<{ serve: ServeProcess; home: string; codexHome: string }> {
  const home = join(tempRoot, 'home');
  const codexHome = join(tempRoot, 'codex-home');
  mkdirSync(codexHome, { recursive: true });
  const serve = await startServe(join(tempRoot, 'data'), home, {
    ...agentServeEnv(model),
    CODEX_HOME: codexHome,
  });
  return { serve, home, codexHome };
}

/** The test server (test/support/mcp-test-server.ts) as stdio settings, for typing into the form. */
export function stdioTestServer(
  name: string,
  callsFile: string,
): Extract<McpServerConfig, { transport: 'stdio' }> {
  const config = mcpTestServerConfig(name, callsFile);
  if (config.transport !== 'stdio') throw new Error('The MCP test server is a stdio server.');
  return config;
}

/**
 * A `.mcp.json` at the repository root as Claude Code writes it: one stdio server running the test
 * server, and one SSE server Skein cannot import (its problem shows in the preview).
 */
export function writeMcpJson(repo: string, name: string, callsFile: string): void {
  const server = stdioTestServer(name, callsFile);
  const json = {
    mcpServers: {
      [name]: { command: server.command, args: server.args, env: server.env, cwd: server.cwd },
      'legacy-sse': { type: 'sse', url: 'http://127.0.0.1:9/sse' },
    },
  };
  writeFileSync(join(repo, '.mcp.json'), `${JSON.stringify(json, null, 2)}\n`);
}

/** Fills the add/edit form's stdio fields as a person would, adding one row per argument. */
export async function fillStdioForm(
  form: Locator,
  server: Extract<McpServerConfig, { transport: 'stdio' }>,
): Promise<void> {
  await form.getByRole('textbox', { name: 'Name' }).fill(server.name);
  await form.getByRole('combobox', { name: 'Transport' }).selectOption('stdio');
  await form.getByRole('textbox', { name: 'Command' }).fill(server.command);
  const args = server.args ?? [];
  for (const [index, arg] of args.entries()) {
    await form.getByRole('button', { name: 'Add argument' }).click();
    await form.getByRole('textbox', { name: `Argument ${index + 1}` }).fill(arg);
  }
  for (const [index, [key, value]] of Object.entries(server.env ?? {}).entries()) {
    await form.getByRole('button', { name: 'Add variable' }).click();
    await form.getByRole('textbox', { name: `Variable ${index + 1} name` }).fill(key);
    await form.getByRole('textbox', { name: `Variable ${index + 1} value`, exact: true }).fill(value);
  }
  if (server.cwd) await form.getByRole('textbox', { name: 'Working folder' }).fill(server.cwd);
}
