import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcClient, Thread } from '../../src-shared/contract';
import {
  AGENT_UI_TIMEOUT_MS,
  addRepositoryInPage,
  agentServeEnv,
  sendInComposer,
  startThreadInPage,
  threadStatusIn,
  watchText,
} from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { connectRpc } from '../support/e2e-rpc';
import { startServe, type ServeProcess } from '../support/e2e-serve';
import { startModelServer, type ModelServer } from '../support/model-server';

/** Slow enough that several frames of a streaming message are visible, fast enough for a short test. */
const CHUNK_DELAY_MS = 120;

let tempRoot: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-agent-'));
  model = await startModelServer();
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'), agentServeEnv(model));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  rpc = await connectRpc(serve.url);
});

afterAll(async () => {
  rpc?.close();
  await context?.close();
  await browser?.close();
  await serve?.stop();
  await model?.close();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

async function threadByTitle(title: string): Promise<Thread> {
  const { threads } = await rpc!.api.thread.list({});
  const thread = threads.find((t) => t.title === title);
  if (!thread) throw new Error(`The host has no thread titled "${title}"`);
  return thread;
}

async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await context!.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(serve!.url);
  return { page, pageErrors };
}

const GREETING_COMMAND = "printf 'hello from skein\\n' > greeting.txt && cat greeting.txt";
const NOTES_PATCH = [
  '*** Begin Patch',
  '*** Add File: notes.md',
  '+# Notes',
  '+Written by the agent.',
  '*** End Patch',
].join('\n');
const FIRST_WORDS = [
  'I will ',
  'write ',
  'the greeting ',
  'file ',
  'with one ',
  'shell ',
  'command, ',
  'then ',
  'add notes.',
];
const FINAL_WORDS = ['Created ', 'greeting.txt ', 'and ', 'notes.md ', 'in the worktree.'];

describe('the agent in the browser', () => {
  test('a task streams in, a command is approved in the inbox, a patch inline, and the files land in the worktree', async () => {
    const { page, pageErrors } = await openPage();
    const repo = makeRepo(tempRoot, 'agent-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Greeting file');
    await expect
      .poll(() => pane.getByRole('tab', { name: 'Conversation' }).getAttribute('aria-selected'))
      .toBe('true');

    // Untrusted: only known reads run unasked, so the write below waits for a person.
    const settingsButton = pane.getByRole('button', { name: 'Agent settings for Greeting file' });
    await expect
      .poll(() => settingsButton.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('on-request');
    await settingsButton.click();
    const settings = page.getByRole('dialog', { name: 'Agent settings for Greeting file' });
    await settings.getByRole('combobox', { name: 'Approval policy' }).selectOption('untrusted');
    await saveScreenshot(page, 'agent-01-thread-settings');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.waitFor({ state: 'detached' });
    await expect.poll(() => settingsButton.innerText()).toContain('untrusted');

    model!.script([
      {
        text: FIRST_WORDS,
        chunkDelayMs: CHUNK_DELAY_MS,
        toolCalls: [
          {
            id: 'call_greeting',
            name: 'shell',
            arguments: {
              command: GREETING_COMMAND,
              justification: 'Write the greeting file the task asks for',
            },
          },
        ],
      },
      { toolCalls: [{ id: 'call_notes', name: 'apply_patch', arguments: { patch: NOTES_PATCH } }] },
      { text: FINAL_WORDS, chunkDelayMs: CHUNK_DELAY_MS },
    ]);
    await sendInComposer(pane, 'Write a greeting file and some notes');
    await pane.getByRole('article', { name: 'Your message' }).waitFor();

    // The answer arrives piece by piece: at least one partial text is on screen before the whole.
    const firstMessage = pane.getByRole('article', { name: 'Agent message' }).first();
    const fullFirst = FIRST_WORDS.join('');
    const seen = await watchText(firstMessage, fullFirst.trim());
    const partial = seen.filter((text) => text.trim() !== '' && !text.includes(fullFirst.trim()));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((text) => fullFirst.startsWith(text.trim()))).toBe(true);

    // The command waits: the sidebar says so and the inbox has it, with the exact command and folder.
    const thread = await threadByTitle('Greeting file');
    const approvalsEntry = page.getByRole('button', { name: 'Approvals (1 waiting)' });
    await approvalsEntry.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect
      .poll(() => threadStatusIn(page, projectName, 'Greeting file').innerText())
      .toContain('Needs approval');
    await pane.getByText('Needs approval', { exact: true }).waitFor();
    await approvalsEntry.click();
    const inbox = page.getByRole('complementary', { name: 'Approvals inbox' });
    const request = inbox.getByRole('article', { name: 'Approval request from Greeting file' });
    await expect
      .poll(() => request.getByLabel('Command', { exact: true }).innerText())
      .toBe(`$ ${GREETING_COMMAND}`);
    const facts = await request.innerText();
    expect(facts).toContain(thread.worktreePath);
    expect(facts).toContain('Write the greeting file the task asks for');
    expect(existsSync(join(thread.worktreePath, 'greeting.txt'))).toBe(false);
    await saveScreenshot(page, 'agent-02-inbox-command');
    await request.getByRole('button', { name: 'Approve once' }).click();

    // It ran: exit code 0 and its output in the thread, the file on disk.
    const commandToggle = pane.getByRole('button', { name: `Command: ${GREETING_COMMAND}` });
    await expect
      .poll(() => commandToggle.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Exit code 0');
    if ((await commandToggle.getAttribute('aria-expanded')) !== 'true') await commandToggle.click();
    await expect
      .poll(() => pane.getByLabel(`Output of ${GREETING_COMMAND}`).innerText())
      .toContain('hello from skein');
    expect(readFileSync(join(thread.worktreePath, 'greeting.txt'), 'utf8')).toBe('hello from skein\n');

    // The patch asks next; it is answered right in the conversation.
    const inline = pane.getByRole('article', { name: 'Approval request from Greeting file' });
    await inline.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const proposed = pane.getByRole('article', { name: 'Proposed file change' });
    await expect
      .poll(() => proposed.getByRole('group', { name: 'Proposed patch' }).innerText())
      .toContain('+# Notes');
    expect(await inline.innerText()).toContain('The change shown above.');
    await expect.poll(() => request.getByRole('group', { name: 'Patch' }).innerText()).toContain('+# Notes');
    await saveScreenshot(page, 'agent-03-inline-patch-approval');
    await inline.getByRole('button', { name: 'Approve once' }).click();

    const change = pane.getByRole('article', { name: 'Added notes.md' });
    await change.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect
      .poll(() => change.getByRole('group', { name: 'Diff of notes.md' }).innerText())
      .toContain('+# Notes');
    const lastMessage = pane.getByRole('article', { name: 'Agent message' }).last();
    await expect
      .poll(() => lastMessage.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe(FINAL_WORDS.join('').trim());
    await expect
      .poll(() => threadStatusIn(page, projectName, 'Greeting file').innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Done');
    await expect.poll(() => pane.getByLabel('End of turn 1', { exact: true }).innerText()).toContain('Done');
    expect(readFileSync(join(thread.worktreePath, 'notes.md'), 'utf8')).toBe(
      '# Notes\nWritten by the agent.\n',
    );
    await expect.poll(() => inbox.innerText()).toContain('Nothing is waiting');
    await page.getByRole('button', { name: 'Approvals', exact: true }).waitFor();
    await saveScreenshot(page, 'agent-04-turn-done');

    // The model saw the command's output and the patch result.
    const toolResults = model!.requests.flatMap((r) =>
      r.messages.filter((m) => m.role === 'tool').map((m) => m.text),
    );
    expect(toolResults.join('\n')).toContain('hello from skein');

    // After a reload the whole conversation is back.
    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Greeting file', exact: true });
    await expect
      .poll(() => reloaded.getByRole('article', { name: 'Agent message' }).last().innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe(FINAL_WORDS.join('').trim());
    await reloaded.getByRole('article', { name: 'Added notes.md' }).waitFor();
    await saveScreenshot(page, 'agent-05-after-reload');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('steering, stopping and settings', () => {
  test('steer a running turn, always allow a prefix, interrupt and continue, then manage keys and rules', async () => {
    const { page, pageErrors } = await openPage();
    const repo = makeRepo(tempRoot, 'steer-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Long task');
    const composer = pane.getByRole('textbox', { name: 'Message' });

    const LONG_WORDS = Array.from({ length: 60 }, (_, i) => `word${i} `);
    model!.script([
      {
        text: ['Planning ', 'the ', 'work ', 'first.'],
        chunkDelayMs: 250,
        toolCalls: [
          {
            id: 'call_plan',
            name: 'update_plan',
            arguments: {
              plan: [
                { step: 'Look at the files', status: 'completed' },
                { step: 'Create the marker file', status: 'in_progress' },
                { step: 'Report back', status: 'pending' },
              ],
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            id: 'call_fetch',
            name: 'shell',
            arguments: {
              command: 'curl -s https://example.com',
              escalate: true,
              justification: 'Needs the network',
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            id: 'call_touch',
            name: 'shell',
            arguments: {
              command: 'touch made-by-agent.txt',
              escalate: true,
              justification: 'Mark the task outside the sandbox',
            },
          },
        ],
      },
      { text: LONG_WORDS, chunkDelayMs: 150 },
      { text: 'Picked up where I stopped.' },
    ]);
    const firstRequest = model!.requests.length;
    await sendInComposer(pane, 'Do the long task');

    // While the first answer streams, the send button steers: the model reads it at its next step.
    const steerButton = pane.getByRole('button', { name: 'Steer' });
    await steerButton.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await sendInComposer(pane, 'Also mention the README');
    await pane.getByRole('article', { name: 'Your steering message' }).waitFor();
    await expect.poll(() => composer.inputValue()).toBe('');

    const plan = pane.getByRole('article', { name: 'Plan' });
    await expect.poll(() => plan.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('1 of 3 done');
    expect(await plan.innerText()).toContain('Create the marker file');

    // Leaving the sandbox asks. A decline goes back to the model with the person's words.
    const inline = pane.getByRole('article', { name: 'Approval request from Long task' });
    await expect
      .poll(() => inline.getByLabel('Command', { exact: true }).innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe('$ curl -s https://example.com');
    await inline.getByRole('button', { name: 'Decline' }).click();
    await inline.getByRole('textbox', { name: 'Message to the agent (optional)' }).fill('No network today');
    await inline.getByRole('button', { name: 'Send decline' }).click();
    await expect
      .poll(() => pane.getByRole('button', { name: 'Command: curl -s https://example.com' }).innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Declined');

    // "Always allow" stores a rule for commands starting with `touch`.
    await expect
      .poll(() => inline.getByLabel('Command', { exact: true }).innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe('$ touch made-by-agent.txt');
    const calls = model!.requests.filter((r, i) => i >= firstRequest && r.api === 'responses');
    expect(
      calls[2]?.messages
        .filter((m) => m.role === 'tool')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('No network today');
    expect(
      model!.requests
        .filter((r, i) => i >= firstRequest && r.api === 'responses')[1]
        ?.messages.some((m) => m.role === 'user' && m.text.includes('Also mention the README')),
    ).toBe(true);
    await saveScreenshot(page, 'agent-06-plan-and-prefix-approval');
    await inline.getByRole('button', { name: /^Always allow this command prefix/ }).click();
    const thread = await threadByTitle('Long task');
    await expect
      .poll(() => existsSync(join(thread.worktreePath, 'made-by-agent.txt')), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe(true);

    // The long answer is interrupted halfway; the turn says so and offers to continue.
    const lastMessage = pane.getByRole('article', { name: 'Agent message' }).last();
    await expect.poll(() => lastMessage.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('word3');
    await pane.getByRole('button', { name: 'Interrupt' }).click();
    const footer = pane.getByLabel('End of turn 1', { exact: true });
    await expect.poll(() => footer.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Interrupted');
    expect(await lastMessage.innerText()).not.toContain('word59');
    await pane.getByRole('button', { name: 'Send' }).waitFor();
    await saveScreenshot(page, 'agent-07-interrupted');
    await footer.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(() => lastMessage.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe('Picked up where I stopped.');
    await expect
      .poll(() => threadStatusIn(page, projectName, 'Long task').innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Done');

    // Up in an empty composer brings back the last message sent.
    await composer.click();
    await composer.press('ArrowUp');
    await expect.poll(() => composer.inputValue()).toBe('Also mention the README');
    await composer.press('ArrowUp');
    await expect.poll(() => composer.inputValue()).toBe('Do the long task');
    await composer.press('ArrowDown');
    await composer.press('ArrowDown');
    await expect.poll(() => composer.inputValue()).toBe('');

    // Settings: where each key comes from (never the key), storing and removing one, and the stored rule.
    await page.getByRole('button', { name: 'Agent settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Agent settings' });
    await expect.poll(() => dialog.getByLabel('OpenAI key status').innerText()).toBe('Set from environment');
    await expect.poll(() => dialog.getByLabel('Anthropic key status').innerText()).toBe('Not set');
    const rules = dialog.getByRole('region', { name: 'Allowed without asking' });
    await expect.poll(() => rules.innerText()).toContain('Commands starting with "touch" in every thread');
    await dialog.getByLabel('Anthropic API key', { exact: true }).fill('sk-ant-e2e-secret');
    await dialog.getByRole('button', { name: 'Save Anthropic key' }).click();
    await expect.poll(() => dialog.getByLabel('Anthropic key status').innerText()).toBe('Stored');
    expect(await page.content()).not.toContain('sk-ant-e2e-secret');
    await saveScreenshot(page, 'agent-08-settings');
    await dialog.getByRole('button', { name: 'Remove stored Anthropic key' }).click();
    await expect.poll(() => dialog.getByLabel('Anthropic key status').innerText()).toBe('Not set');
    await dialog.getByRole('button', { name: /^Remove rule: Commands starting with "touch"/ }).click();
    await expect
      .poll(() => dialog.getByRole('region', { name: 'Allowed without asking' }).innerText())
      .toContain('No rules yet');
    expect((await rpc!.api.approval.rules({})).rules).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
