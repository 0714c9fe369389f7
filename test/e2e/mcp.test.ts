import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AGENT_UI_TIMEOUT_MS,
  addRepositoryInPage,
  sendInComposer,
  startThreadInPage,
} from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { fillStdioForm, startMcpServe, stdioTestServer, writeMcpJson } from '../support/e2e-mcp';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { connectRpc } from '../support/e2e-rpc';
import type { ServeProcess } from '../support/e2e-serve';
import { MCP_TEST_TOOL, mcpTestServerConfig } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';

let tempRoot: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-mcp-'));
  model = await startModelServer();
  const served = await startMcpServe(tempRoot, model);
  serve = served.serve;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serve?.stop();
  await model?.close();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

describe('MCP servers in the browser', () => {
  test('a stdio server is added, tested, saved, switched off for a project, and others imported', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    const repo = makeRepo(tempRoot, 'mcp-repo');
    const projectName = basename(repo);
    const callsFile = join(tempRoot, 'calls.txt');
    writeMcpJson(repo, 'tickets', callsFile);
    await addRepositoryInPage(page, repo);

    await page.getByRole('button', { name: 'MCP servers', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `MCP servers for ${projectName}` });
    await dialog.getByText('No MCP servers yet').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    // Saving an empty form shows the schema's messages beside their fields.
    await dialog.getByRole('button', { name: 'Add server' }).click();
    const form = dialog.getByRole('form', { name: 'New MCP server' });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Enter the command that starts the server.').waitFor();
    await form.getByRole('textbox', { name: 'Name' }).fill('bad name!');
    await form.getByText('Use 1–40 letters, digits').waitFor();

    // A command that does not exist: Test says why, in the host's words.
    await form.getByRole('textbox', { name: 'Name' }).fill('tickets');
    await form.getByRole('textbox', { name: 'Command' }).fill(join(tempRoot, 'no-such-server'));
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    const failure = form.getByRole('alert', { name: 'Test result' });
    await failure.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await failure.innerText()).toContain('The test failed');

    await form.getByRole('combobox', { name: 'Scope' }).selectOption('user');
    const server = stdioTestServer('tickets', callsFile);
    await fillStdioForm(form, server);
    // Values that may hold tokens are hidden until revealed.
    const value = form.getByRole('textbox', { name: 'Variable 1 value', exact: true });
    expect(await value.getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: 'Show variable 1 value' }).click();
    expect(await value.getAttribute('type')).toBe('text');
    await expect.poll(() => form.getByText('Enter the command').count()).toBe(0);

    // Test connects to the real server and lists its tool; nothing is saved yet.
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    const outcome = form.getByRole('status', { name: 'Test result' });
    await outcome.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const tools = outcome.getByRole('list', { name: 'Tools found' });
    await tools.getByText(MCP_TEST_TOOL).waitFor();
    expect(await tools.innerText()).toContain('Looks up a ticket in the tracker by its id.');
    expect(await outcome.innerText()).toContain('skein-test-tickets');
    await saveScreenshot(page, 'mcp-01-test');

    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('status').first().innerText()).toContain('Saved tickets.');
    const row = dialog.getByRole('listitem', { name: 'MCP server tickets (User)' });
    await row.waitFor();
    expect(await row.getByText('Status: Stopped').count()).toBe(1);
    expect(await row.innerText()).toContain(server.command);

    // Off for this project: the switch shows it, and going back to the default shows that too.
    const projectSwitch = row.getByRole('radiogroup', { name: 'tickets in this project' });
    const follow = projectSwitch.getByRole('radio', { name: 'Default (on)' });
    await expect.poll(() => follow.getAttribute('aria-checked')).toBe('true');
    await projectSwitch.getByRole('radio', { name: 'Off' }).click();
    await expect
      .poll(() => projectSwitch.getByRole('radio', { name: 'Off' }).getAttribute('aria-checked'))
      .toBe('true');
    await saveScreenshot(page, 'mcp-02-list-off');
    // Closed and opened again, the host's state is what shows.
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'MCP servers', exact: true }).click();
    await expect
      .poll(() => projectSwitch.getByRole('radio', { name: 'Off' }).getAttribute('aria-checked'), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe('true');

    // The repository's .mcp.json: into the user's servers its "tickets" would replace theirs.
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByRole('combobox', { name: 'Import from' }).selectOption('project');
    await dialog.getByRole('combobox', { name: 'Import into' }).selectOption('user');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const found = dialog.getByRole('list', { name: 'Servers found' });
    await found.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const candidate = found.getByRole('listitem').filter({ hasText: 'tickets' });
    expect(await candidate.innerText()).toContain('Replaces existing');
    const good = found.getByRole('checkbox', { name: /^tickets/ });
    const sse = found.getByRole('checkbox', { name: /^legacy-sse/ });
    expect(await good.isChecked()).toBe(true);
    // The SSE entry cannot come, and says why.
    expect(await sse.isDisabled()).toBe(true);
    expect(await found.innerText()).toContain('SSE');
    await saveScreenshot(page, 'mcp-03-import');

    // Into the project instead: a fresh preview, nothing replaced; the project's copy hides the user's.
    await dialog.getByRole('combobox', { name: 'Import into' }).selectOption('project');
    await found.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await found.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await candidate.innerText()).not.toContain('Replaces existing');
    await dialog.getByRole('button', { name: 'Import 1 server' }).click();
    await expect.poll(() => dialog.getByRole('status').first().innerText()).toContain('Imported tickets.');
    const imported = dialog.getByRole('listitem', { name: 'MCP server tickets (Project)' });
    await imported.waitFor();
    await expect.poll(() => row.innerText()).toContain('Overridden');
    // Its switches belong to the project's server now.
    expect(await row.getByRole('radiogroup').count()).toBe(0);
    expect(await imported.getByRole('radiogroup', { name: 'tickets in this project' }).count()).toBe(1);
    await saveScreenshot(page, 'mcp-04-imported');

    // Removing asks first; the user's server is in force again.
    await imported.getByRole('button', { name: 'Remove tickets' }).click();
    await imported.getByRole('button', { name: 'Yes, remove' }).click();
    await imported.waitFor({ state: 'detached' });
    await expect.poll(() => row.innerText()).not.toContain('Overridden');
    expect(existsSync(callsFile)).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  test("a thread's turn starts its servers, the list shows one running and one failed, and Restart stops it", async () => {
    const callsFile = join(tempRoot, 'thread-calls.txt');
    // Set up through the host's own door: this test is about what the list shows while a turn runs.
    const rpc = await connectRpc(serve!.url);
    try {
      await rpc.api.mcp.save({ scope: 'user', server: mcpTestServerConfig('tickets', callsFile) });
      // One that cannot start: the turn goes on without it, and the list says why.
      await rpc.api.mcp.save({
        scope: 'user',
        server: { name: 'broken', transport: 'stdio', command: join(tempRoot, 'no-such-server') },
      });
    } finally {
      rpc.close();
    }
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    const repo = makeRepo(tempRoot, 'mcp-thread-repo');
    await addRepositoryInPage(page, repo);
    const title = 'Use tickets';
    const pane = await startThreadInPage(page, basename(repo), title);

    model!.script([
      {
        toolCalls: [{ id: 'call_ticket', name: `mcp__tickets__${MCP_TEST_TOOL}`, arguments: { id: 'SK-7' } }],
      },
      { text: ['SK-7 is the login timeout.'] },
    ]);
    await sendInComposer(pane, 'What is SK-7?');
    // The call waits for approval. The server was started for the turn and is running; a turn that
    // waits for approval is paused and lets go of it, so "Used now by" is not asserted here.
    const approve = pane.getByRole('button', { name: 'Approve once' });
    await approve.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    const openForThread = async () => {
      await page.getByRole('button', { name: 'Command palette' }).click();
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await palette.getByRole('combobox', { name: 'Search actions and threads' }).fill('MCP servers for');
      await palette.getByRole('option', { name: new RegExp(`^MCP servers for "${title}"`) }).click();
      return page.getByRole('dialog', { name: `MCP servers for ${title}` });
    };
    let dialog = await openForThread();
    let row = dialog.getByRole('listitem', { name: 'MCP server tickets (User)' });
    await row.getByText('Status: Running').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await row.innerText()).toMatch(/\d+ tools?/);
    const broken = dialog.getByRole('listitem', { name: 'MCP server broken (User)' });
    await broken.getByText('Status: Failed').waitFor();
    expect(await broken.locator('.mcp-last-error').innerText()).toContain('no-such-server');

    // The thread follows its project until told otherwise; its own setting shows as such.
    const threadSwitch = row.getByRole('radiogroup', { name: 'tickets in this thread' });
    const follow = threadSwitch.getByRole('radio', { name: 'Follow project (on)' });
    await expect.poll(() => follow.getAttribute('aria-checked')).toBe('true');
    await threadSwitch.getByRole('radio', { name: 'Off' }).click();
    await expect
      .poll(() => threadSwitch.getByRole('radio', { name: 'Off' }).getAttribute('aria-checked'))
      .toBe('true');
    const projectSwitch = row.getByRole('radiogroup', { name: 'tickets in this project' });
    expect(
      await projectSwitch.getByRole('radio', { name: 'Default (on)' }).getAttribute('aria-checked'),
    ).toBe('true');
    await saveScreenshot(page, 'mcp-05-running-thread');
    await follow.click();
    await expect.poll(() => follow.getAttribute('aria-checked')).toBe('true');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });

    await approve.click();
    await pane.getByText('SK-7 is the login timeout.').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(readFileSync(callsFile, 'utf8')).toContain('SK-7');

    // This time from the thread's agent settings. Idle servers stop only after a delay; Restart stops it now.
    await pane.getByRole('button', { name: `Agent settings for ${title}` }).click();
    await page
      .getByRole('dialog', { name: `Agent settings for ${title}` })
      .getByRole('button', { name: 'MCP servers for this thread…' })
      .click();
    dialog = page.getByRole('dialog', { name: `MCP servers for ${title}` });
    row = dialog.getByRole('listitem', { name: 'MCP server tickets (User)' });
    await row.getByText('Status: Running').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect.poll(() => row.innerText()).not.toContain('Used now by');
    await row.getByRole('button', { name: 'Restart' }).click();
    await row.getByText('Status: Stopped').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await saveScreenshot(page, 'mcp-06-restarted');
    expect(pageErrors).toEqual([]);
  });
});
