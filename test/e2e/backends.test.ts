import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcClient, Thread } from '../../src-shared/contract';
import { startTripwireProxy, type TripwireProxy } from '../support/codex-backend-fixtures';
import {
  AGENT_UI_TIMEOUT_MS,
  addRepositoryInPage,
  sendInComposer,
  threadStatusIn,
} from '../support/e2e-agent-page';
import { requestsFor, routeByMarker, startBackendsServe } from '../support/e2e-backends';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { editorText, makeRepoWithFiles, showReviewTab, waitForDiff } from '../support/e2e-review';
import { connectRpc } from '../support/e2e-rpc';
import type { ServeProcess } from '../support/e2e-serve';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

/** Codex starts its app-server, then runs two model round trips and a patch: slower than the built-in agent. */
const CODEX_TURN_TIMEOUT_MS = 90_000;

const CODEX_MARKER = '[codex-task]';
const BUILTIN_MARKER = '[builtin-task]';
const CODEX_DONE = 'Codex changed codex-notes.md.';
const BUILTIN_DONE = 'The built-in agent changed builtin-notes.md.';

/** Codex edits through its shell tool: it recognizes an apply_patch heredoc and applies the patch itself. */
const CODEX_PATCH = [
  "apply_patch <<'EOF'",
  '*** Begin Patch',
  '*** Update File: codex-notes.md',
  '@@',
  '-one',
  '+two from codex',
  '*** End Patch',
  'EOF',
  '',
].join('\n');

const BUILTIN_PATCH = [
  '*** Begin Patch',
  '*** Update File: builtin-notes.md',
  '@@',
  '-one',
  '+two from the built-in agent',
  '*** End Patch',
].join('\n');

const temp = new TempDirs();
let tempRoot: string;
let model: ModelServer | undefined;
let proxy: TripwireProxy | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = temp.make('skein-e2e-backends-');
  model = await startModelServer();
  proxy = await startTripwireProxy();
  ({ serve } = await startBackendsServe(temp, join(tempRoot, 'data'), model, proxy.url));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1600, height: 960 }, colorScheme: 'dark' });
  rpc = await connectRpc(serve.url);
});

afterAll(async () => {
  rpc?.close();
  await context?.close();
  await browser?.close();
  // Stopping serve stops the Codex app-server it started.
  await serve?.stop();
  await model?.close();
  await proxy?.close();
  temp.cleanup();
});

async function threadByTitle(title: string): Promise<Thread> {
  const { threads } = await rpc!.api.thread.list({});
  const thread = threads.find((t) => t.title === title);
  if (!thread) throw new Error(`The host has no thread titled "${title}"`);
  return thread;
}

/** Starts a thread with the agent picked in the new-thread dialog; returns its pane. */
async function startThreadWithAgent(
  page: Page,
  projectName: string,
  title: string,
  agent: 'builtin' | 'codex',
): Promise<Locator> {
  await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
  const dialog = page.getByRole('dialog', { name: `New thread in ${projectName}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  const select = dialog.getByRole('combobox', { name: 'Agent' });
  await expect.poll(() => select.locator('option').count(), { timeout: AGENT_UI_TIMEOUT_MS }).toBe(3);
  await select.selectOption(agent);
  await dialog.getByRole('button', { name: 'Start thread' }).click();
  await dialog.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
  const pane = page.getByRole('region', { name: title, exact: true });
  await pane.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
  return pane;
}

describe('agent backends side by side', () => {
  test('a Codex thread and a built-in thread both finish their edits and both can be reviewed', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);

    // Neither agent stops for approval: the user's default policy is `never`.
    await rpc!.api.agent.setSettings({ scope: 'user', settings: { approvalPolicy: 'never' } });
    model!.script(
      routeByMarker([
        {
          marker: CODEX_MARKER,
          callId: 'call_codex_patch',
          call: { name: 'exec_command', arguments: { cmd: CODEX_PATCH } },
          finalText: CODEX_DONE,
        },
        {
          marker: BUILTIN_MARKER,
          callId: 'call_builtin_patch',
          call: { name: 'apply_patch', arguments: { patch: BUILTIN_PATCH } },
          finalText: BUILTIN_DONE,
        },
      ]),
    );

    const repo = makeRepoWithFiles(tempRoot, 'backends-repo', {
      'codex-notes.md': 'one\n',
      'builtin-notes.md': 'one\n',
    });
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const codexPane = await startThreadWithAgent(page, projectName, 'Codex work', 'codex');
    const builtinPane = await startThreadWithAgent(page, projectName, 'Built-in work', 'builtin');

    // Both panes are open next to each other, each naming the agent that runs it.
    const codexBox = await codexPane.boundingBox();
    const builtinBox = await builtinPane.boundingBox();
    expect(codexBox && builtinBox && codexBox.x + codexBox.width <= builtinBox.x + 1).toBe(true);
    await expect
      .poll(() => codexPane.locator('.backend-badge').innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Codex');
    await expect
      .poll(() => builtinPane.locator('.backend-badge').innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Built-in');
    for (const pane of [codexPane, builtinPane]) {
      await expect
        .poll(() => pane.getByRole('button', { name: /^Agent settings for / }).innerText(), {
          timeout: AGENT_UI_TIMEOUT_MS,
        })
        .toContain('never');
    }
    await saveScreenshot(page, 'backends-01-side-by-side');

    // Both tasks go out before either finishes: the two agents work at the same time.
    await sendInComposer(codexPane, `${CODEX_MARKER} Change one in codex-notes.md`);
    await sendInComposer(builtinPane, `${BUILTIN_MARKER} Change one in builtin-notes.md`);

    for (const [pane, title, done, timeout] of [
      [codexPane, 'Codex work', CODEX_DONE, CODEX_TURN_TIMEOUT_MS],
      [builtinPane, 'Built-in work', BUILTIN_DONE, AGENT_UI_TIMEOUT_MS],
    ] as const) {
      await expect
        .poll(() => threadStatusIn(page, projectName, title).innerText(), { timeout })
        .toContain('Done');
      await expect
        .poll(() => pane.getByRole('article', { name: 'Agent message' }).last().innerText(), {
          timeout: AGENT_UI_TIMEOUT_MS,
        })
        .toContain(done);
      await expect
        .poll(() => pane.getByLabel('End of turn 1', { exact: true }).innerText(), {
          timeout: AGENT_UI_TIMEOUT_MS,
        })
        .toContain('Done');
    }
    await saveScreenshot(page, 'backends-02-both-done');

    // Each edit landed in its own worktree only.
    const codexThread = await threadByTitle('Codex work');
    const builtinThread = await threadByTitle('Built-in work');
    expect(codexThread.backend).toBe('codex');
    expect(builtinThread.backend).toBe('builtin');
    const read = (thread: Thread, file: string) => readFileSync(join(thread.worktreePath, file), 'utf8');
    expect(read(codexThread, 'codex-notes.md')).toBe('two from codex\n');
    expect(read(codexThread, 'builtin-notes.md')).toBe('one\n');
    expect(read(builtinThread, 'builtin-notes.md')).toBe('two from the built-in agent\n');
    expect(read(builtinThread, 'codex-notes.md')).toBe('one\n');

    // Codex spoke the Responses API with its own provider's key; both agents made two round trips.
    const codexRequests = requestsFor(model!, CODEX_MARKER);
    expect(codexRequests.map((request) => request.api)).toEqual(['responses', 'responses']);
    expect(codexRequests.every((request) => request.apiKey === 'sk-scripted-codex')).toBe(true);
    const builtinRequests = requestsFor(model!, BUILTIN_MARKER);
    expect(builtinRequests).toHaveLength(2);
    expect(builtinRequests.every((request) => request.apiKey === 'test-key')).toBe(true);

    // Review in each pane lists its own changed file, and only that one.
    for (const [pane, changed, untouched] of [
      [codexPane, 'codex-notes.md', 'builtin-notes.md'],
      [builtinPane, 'builtin-notes.md', 'codex-notes.md'],
    ] as const) {
      await showReviewTab(pane);
      const tree = pane.getByRole('tree', { name: /^Changed files/ });
      const escaped = changed.replace(/[.]/g, '\\.');
      const row = tree.getByRole('treeitem', {
        name: new RegExp(`^${escaped}, modified, 1 added, 1 removed`),
      });
      await row.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
      await row.click();
      await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);
      await expect.poll(() => editorText(pane, 'original')).toContain('one');
      expect(await tree.getByRole('treeitem', { name: new RegExp(`^${untouched}`) }).count()).toBe(0);
    }
    await saveScreenshot(page, 'backends-03-both-reviews');

    // Nothing Codex tried went anywhere but the scripted server.
    expect(proxy!.attempts).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
