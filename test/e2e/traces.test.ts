import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AGENT_UI_TIMEOUT_MS,
  E2E_MODEL,
  addRepositoryInPage,
  agentServeEnv,
  sendInComposer,
  startThreadInPage,
  threadStatusIn,
} from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { startServe, type ServeProcess } from '../support/e2e-serve';
import { downloadedText, showTraceTab } from '../support/e2e-traces';
import { startModelServer, type ModelServer } from '../support/model-server';

let tempRoot: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-traces-'));
  model = await startModelServer();
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'), agentServeEnv(model));
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
    acceptDownloads: true,
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serve?.stop();
  await model?.close();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

const TITLE = 'Traced work';
const PROMPT = 'Write the walrus note';
const COMMAND = 'echo walrus > walrus.txt';

describe('the trace of a thread', () => {
  test('a turn with a model call, a tool call and an approval appears on the timeline', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    const repo = makeRepo(tempRoot, 'traces-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, TITLE);

    model!.script([
      {
        toolCalls: [{ id: 'call_walrus', name: 'shell', arguments: { command: COMMAND, escalate: true } }],
        usage: { input: 1200, output: 80, cached: 300 },
        chunkDelayMs: 40,
      },
      { text: ['The walrus ', 'note is written.'], usage: { input: 1400, output: 40 }, chunkDelayMs: 40 },
    ]);
    await sendInComposer(pane, PROMPT);
    const request = pane.getByRole('article', { name: `Approval request from ${TITLE}` });
    await request.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    // The user takes a moment before answering: the approval span shows that wait.
    await page.waitForTimeout(400);
    await request.getByRole('button', { name: 'Approve once' }).click();
    await expect
      .poll(() => threadStatusIn(page, projectName, TITLE).innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Done');

    const timeline = await showTraceTab(pane);
    const turn = timeline.getByRole('listitem', { name: 'Turn 1' });
    const calls = turn.getByRole('button', { name: new RegExp(`^Model call ${E2E_MODEL}: `) });
    await expect.poll(() => calls.count()).toBe(2);
    const firstCall = await calls.first().getAttribute('aria-label');
    expect(firstCall).toMatch(/first token [\d.]+ m?s/);
    expect(firstCall).toContain('1.2k in (300 cached), 80 out');
    const tool = turn.getByRole('button', { name: /^Tool call shell: .*exit 0/ });
    await expect.poll(() => tool.count()).toBe(1);
    const approval = turn.getByRole('button', { name: /^Approval shell: you answered after/ });
    await expect.poll(() => approval.count()).toBe(1);
    const wait = /you answered after ([\d.]+) (ms|s)/.exec((await approval.getAttribute('aria-label')) ?? '');
    const waitMs = Number(wait?.[1] ?? 0) * (wait?.[2] === 's' ? 1000 : 1);
    expect(waitMs).toBeGreaterThanOrEqual(300);

    // The bars sit in time order: the approval between the two model calls.
    const left = async (bar: typeof tool) => (await bar.boundingBox())?.x ?? Number.NaN;
    expect(await left(calls.first())).toBeLessThan(await left(approval));
    expect(await left(approval)).toBeLessThan(await left(calls.last()));

    await tool.click();
    const detail = pane.getByRole('region', { name: 'Span detail' });
    await expect.poll(() => detail.innerText()).toContain(COMMAND);

    const totals = pane.getByRole('region', { name: 'Thread totals' });
    await expect.poll(() => totals.innerText()).toContain('1 turn, 2 model calls');
    const chart = pane.getByRole('img', { name: 'Tokens per day over the last 14 days' });
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBe(14);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      totals.getByRole('button', { name: 'Export trace (JSONL)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^skein-trace-.*\.jsonl$/);
    const jsonl = await downloadedText(download);
    expect(jsonl.trimEnd().split('\n')).toHaveLength(5);
    expect(jsonl).not.toContain('walrus');

    const shot = await saveScreenshot(page, 'traces-timeline');
    expect(shot).toMatch(/traces-timeline\.png$/);
    expect(pageErrors).toEqual([]);
  });
});
