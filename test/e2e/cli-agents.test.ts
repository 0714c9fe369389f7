import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFakeAgentRecord } from '../support/cli-agent-fixtures';
import { AGENT_UI_TIMEOUT_MS, addRepositoryInPage, watchText } from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import {
  clickNotification,
  installEchoingFakeClaude,
  notificationsShown,
  recordNotifications,
  startCliAgentServe,
} from '../support/e2e-cli-agents';
import { saveScreenshot, useDomTerminals } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { connectRpc } from '../support/e2e-rpc';
import type { ServeProcess } from '../support/e2e-serve';

let tempRoot: string;
let binDir: string;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-cli-agents-'));
  binDir = installEchoingFakeClaude(tempRoot);
  serve = await startCliAgentServe(tempRoot, binDir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serve?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

/** The terminal region the pane shows (only the selected terminal is rendered). */
function shownTerminal(pane: Locator, threadTitle: string): Locator {
  return pane.getByRole('region', { name: new RegExp(`^Terminal \\d+ of ${threadTitle}$`) });
}

async function shownTerminalText(pane: Locator, threadTitle: string): Promise<string> {
  const text = await shownTerminal(pane, threadTitle).locator('.xterm-rows').innerText();
  return text.replace(/\u00a0/g, ' ').replace(/\n/g, '');
}

async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await context!.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await useDomTerminals(page);
  await recordNotifications(page);
  await page.goto(serve!.url);
  return { page, pageErrors };
}

describe('CLI agents in the browser', () => {
  test('the new-thread dialog offers the three agents, the built-in one by default', async () => {
    const { page, pageErrors } = await openPage();
    const repo = makeRepo(tempRoot, 'backend-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
    const dialog = page.getByRole('dialog', { name: `New thread in ${projectName}` });
    const agent = dialog.getByRole('combobox', { name: 'Agent' });
    await expect
      .poll(() => agent.locator('option').allInnerTexts(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toEqual(['Built-in (repository default)', 'Codex', 'Claude Code']);
    expect(await agent.inputValue()).toBe('builtin');
    await agent.selectOption('codex');
    expect(await agent.inputValue()).toBe('codex');
    await saveScreenshot(page, 'cli-agents-01-new-thread-agent');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test("a thread's agent is switched in its settings, and the repository default follows into new threads", async () => {
    const { page, pageErrors } = await openPage();
    const repo = makeRepo(tempRoot, 'switch-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const title = 'Switch me';
    await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
    const newThread = page.getByRole('dialog', { name: `New thread in ${projectName}` });
    await newThread.getByRole('textbox', { name: 'Title' }).fill(title);
    await newThread.getByRole('button', { name: 'Start thread' }).click();
    await newThread.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    const pane = page.getByRole('region', { name: title, exact: true });
    await pane.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    await pane.getByRole('button', { name: `Agent settings for ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Agent settings for ${title}` });
    const agent = dialog.getByRole('combobox', { name: 'Agent in this thread' });
    await agent.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await agent.inputValue()).toBe('builtin');
    await agent.selectOption('codex');
    await dialog.getByRole('button', { name: 'Switch agent' }).click();
    await dialog.getByText('Codex works in this thread now.').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect.poll(() => pane.locator('.backend-badge').innerText()).toContain('Codex');

    const projectDefault = dialog.getByRole('combobox', { name: `Agent for new threads in ${projectName}` });
    await projectDefault.selectOption('claude');
    await dialog.getByText('Saved.').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await saveScreenshot(page, 'cli-agents-07-thread-agent-settings');
    // The thread's Codex model, saved with the form, shows in the pane's settings line.
    await dialog.getByRole('textbox', { name: 'Codex model' }).fill('gpt-5-codex');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => pane.getByText(/^Codex · gpt-5-codex · /).count(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe(1);

    await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
    const select = newThread.getByRole('combobox', { name: 'Agent' });
    await expect.poll(() => select.inputValue(), { timeout: AGENT_UI_TIMEOUT_MS }).toBe('claude');
    expect(await select.locator('option:checked').innerText()).toBe('Claude Code (repository default)');
    await newThread.getByRole('button', { name: 'Cancel' }).click();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('a CLI agent starts with the prompt verbatim, waits, works on typed input, notifies and stops', async () => {
    const { page, pageErrors } = await openPage();
    const repo = makeRepo(tempRoot, 'cli-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const title = 'Agent run';
    await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
    const newThread = page.getByRole('dialog', { name: `New thread in ${projectName}` });
    await newThread.getByRole('textbox', { name: 'Title' }).fill(title);
    await newThread.getByRole('button', { name: 'Start thread' }).click();
    await newThread.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    const pane = page.getByRole('region', { name: title, exact: true });
    await pane.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await pane.locator('.backend-badge').innerText()).toContain('Built-in');
    // The first shell terminal opens by itself once the worktree is ready.
    await pane.getByRole('tab', { name: 'Terminal 1' }).waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    await pane.getByRole('button', { name: `Run a CLI agent in ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run a CLI agent in ${title}` });
    const claude = dialog.getByRole('radio', { name: 'Claude Code', exact: true });
    await claude.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    // Found on the login shell's PATH with its version and path; the first found one is picked.
    expect(await claude.isChecked()).toBe(true);
    const claudeRow = dialog
      .getByRole('listitem')
      .filter({ has: page.getByRole('radio', { name: 'Claude Code', exact: true }) });
    expect(await claudeRow.innerText()).toContain(
      `Found: fake-agent 1.2.3 (test) at ${join(binDir, 'claude')}`,
    );
    expect(await dialog.getByRole('radio', { name: 'Aider' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('listitem').filter({ hasText: 'Aider' }).innerText()).toContain(
      'Not found',
    );

    // A custom agent: handing the prompt to a shell is refused beside the field, as it is typed.
    await dialog.getByRole('button', { name: 'Add a custom agent…' }).click();
    const form = dialog.getByRole('form', { name: 'New custom agent' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Echo agent');
    await form.getByRole('textbox', { name: 'Executable' }).fill('sh');
    await form.getByRole('button', { name: 'Add argument' }).click();
    await form.getByRole('textbox', { name: 'Argument 1' }).fill('-c');
    await form.getByRole('textbox', { name: 'Argument 2' }).fill('{prompt}');
    await expect
      .poll(() => form.locator('.cli-template-problems').count(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBeGreaterThan(0);
    await saveScreenshot(page, 'cli-agents-02-template-problems');
    expect(await form.getByRole('button', { name: 'Save agent' }).isDisabled()).toBe(true);
    await form.getByRole('textbox', { name: 'Executable' }).fill(join(binDir, 'claude'));
    await form.getByRole('textbox', { name: 'Argument 1' }).fill('--');
    await expect
      .poll(() => form.getByRole('button', { name: 'Save agent' }).isDisabled(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe(false);
    await form.getByRole('button', { name: 'Save agent' }).click();
    const custom = dialog.getByRole('list', { name: 'Custom agents' });
    await custom.getByRole('radio', { name: 'Echo agent' }).waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await custom.getByRole('button', { name: 'Remove Echo agent' }).click();
    await custom.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    // Quotes, $(…) and backticks reach the agent as one argument: nothing is run by a shell.
    const prompt = `Fix the "login" bug; don't run $(touch pwned) or \`touch pwned2\` & say 'hi'`;
    await claude.check();
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await saveScreenshot(page, 'cli-agents-03-dialog');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    const tab = pane.getByRole('tab', { name: /^Claude Code/ });
    await tab.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => shownTerminalText(pane, title), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain(`received: [${prompt}]`);
    await expect.poll(() => tab.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Waiting for input');
    const status = pane.getByRole('status', { name: 'Status of Claude Code' });
    expect(await status.innerText()).toContain('Waiting for input');
    const row = page
      .getByRole('region', { name: projectName, exact: true })
      .getByRole('listitem')
      .filter({ hasText: title });
    await expect.poll(() => row.innerText()).toContain('Claude Code: Waiting for input');
    await saveScreenshot(page, 'cli-agents-04-waiting');

    // Typed input starts another turn: Working, then waiting again.
    await shownTerminal(pane, title).click();
    await page.keyboard.type('next step');
    await page.keyboard.press('Enter');
    const seen = await watchText(tab, 'Working');
    expect(seen.join(' ')).toContain('Working');
    await expect.poll(() => tab.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Waiting for input');
    expect(await shownTerminalText(pane, title)).toContain('working on next step');

    // While the person looks at the conversation, the agent's next wait raises a desktop notification.
    await pane.getByRole('tab', { name: 'Conversation' }).click();
    const rpc = await connectRpc(serve!.url);
    let worktree: string;
    try {
      const { agents } = await rpc.api.cliAgents.list({});
      const agent = agents.find((a) => a.presetId === 'claude');
      expect(agent).toBeDefined();
      const { threads } = await rpc.api.thread.list({});
      worktree = threads.find((t) => t.id === agent!.threadId)!.worktreePath;
      await rpc.api.terminal.input({ terminalId: agent!.terminalId, data: 'third turn\r' });
    } finally {
      rpc.close();
    }
    await expect
      .poll(() => notificationsShown(page), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContainEqual({
        title: 'Claude Code is waiting for you',
        body: `In ${title}: it finished or asks something.`,
      });
    const shown = await notificationsShown(page);
    await clickNotification(page, shown.length - 1);
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => shownTerminalText(pane, title)).toContain('working on third turn');
    await saveScreenshot(page, 'cli-agents-05-after-notification');

    await pane.getByRole('button', { name: 'Stop Claude Code' }).click();
    await expect.poll(() => tab.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Exited');
    await expect.poll(() => row.innerText()).not.toContain('Claude Code');
    expect(await pane.getByRole('button', { name: 'Stop Claude Code' }).count()).toBe(0);
    await saveScreenshot(page, 'cli-agents-06-stopped');

    expect(readFakeAgentRecord(worktree)?.prompt).toBe(prompt);
    expect(existsSync(join(worktree, 'pwned'))).toBe(false);
    expect(existsSync(join(worktree, 'pwned2'))).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
