import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcClient } from '../../src-shared/contract';
import {
  AGENT_UI_TIMEOUT_MS,
  addRepositoryInPage,
  agentServeEnv,
  startThreadInPage,
} from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepoWithFiles, modifiedLine, showReviewTab, waitForDiff } from '../support/e2e-review';
import { connectRpc } from '../support/e2e-rpc';
import { startServe, type ServeProcess } from '../support/e2e-serve';
import { startModelServer, type ModelServer } from '../support/model-server';
import {
  DELAY_FILE,
  RETRY_BASE,
  RETRY_CHANGED,
  finding,
  reviewAnswer,
} from '../support/review-agent-fixtures';

let tempRoot: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-review-agent-'));
  model = await startModelServer();
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'), agentServeEnv(model));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1600, height: 960 }, colorScheme: 'dark' });
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

describe('the review agent', () => {
  test('review a thread with an agent: findings listed and marked inline, one dismissed, one sent', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);

    const repo = makeRepoWithFiles(tempRoot, 'review-agent-repo', { 'src/retry.ts': RETRY_BASE });
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Retry uploads');
    // The thread's work, uncommitted in its worktree (as an agent or a person left it).
    const { threads } = await rpc!.api.thread.list({});
    const thread = threads.find((t) => t.title === 'Retry uploads');
    if (!thread) throw new Error('the thread is not listed');
    writeFileSync(join(thread.worktreePath, 'src/retry.ts'), RETRY_CHANGED);
    writeFileSync(join(thread.worktreePath, 'src/delay.ts'), DELAY_FILE);

    await showReviewTab(pane);
    const tree = pane.getByRole('tree', { name: /^Changed files/ });
    const retryRow = tree.getByRole('treeitem', { name: /^retry\.ts, modified/ });
    await retryRow.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await retryRow.click();
    await modifiedLine(pane, 'attempt > ATTEMPTS').first().waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);

    // The reviewer answers with two findings and one malformed entry.
    model!.script([
      {
        text: reviewAnswer([
          finding(),
          finding({
            title: 'Delay grows without a cap',
            explanation: 'A long outage makes each retry wait longer; cap the delay.',
            startLine: 8,
            endLine: 8,
            severity: 'low',
            confidence: 0.5,
          }),
          finding({ title: 'Ghost file', file: 'src/ghost.ts' }),
        ]),
      },
    ]);
    const toolbar = pane.getByRole('toolbar', { name: 'Review of Retry uploads' });
    expect(await toolbar.getByRole('combobox', { name: 'Reviewer model' }).inputValue()).toBe('');
    await toolbar.getByRole('button', { name: 'Review with agent' }).click();

    const panel = pane.getByRole('region', { name: 'Review agent findings' });
    const findings = panel.getByRole('list', { name: 'Findings' });
    await expect.poll(() => findings.getByRole('listitem').count(), { timeout: AGENT_UI_TIMEOUT_MS }).toBe(2);
    expect(await panel.innerText()).toContain('Changes requested');
    expect(await panel.innerText()).toContain('Adds retries with a delay.');
    const first = findings.getByRole('listitem', { name: 'Finding: Retries one time too many' });
    expect(await first.innerText()).toMatch(/High[\s\S]*90% sure[\s\S]*src\/retry\.ts, lines 6–7/);
    // The malformed entry is reported apart, not as a finding.
    const malformed = panel.getByRole('region', { name: 'Reported as malformed' });
    expect(await malformed.innerText()).toContain('the file src/ghost.ts is not in the reviewed diff');
    expect(await findings.innerText()).not.toContain('Ghost file');

    // Inline: the finding's lines are tinted and a glyph carries it on hover.
    await first.getByRole('button', { name: 'Go to src/retry.ts, lines 6–7' }).click();
    await expect
      .poll(() => pane.locator('.editor.modified .review-finding-glyph').count(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBeGreaterThan(0);
    expect(await pane.locator('.editor.modified .review-finding-line').count()).toBeGreaterThan(0);
    // Hovering the marked code shows the finding.
    await modifiedLine(pane, 'attempt > ATTEMPTS').first().hover();
    await expect
      .poll(() => page.locator('.monaco-hover', { hasText: 'Retries one time too many' }).count(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBeGreaterThan(0);
    await saveScreenshot(page, 'review-agent-01-findings');

    // Dismiss the low one: it leaves the list and the editor.
    await findings.getByRole('button', { name: 'Dismiss: Delay grows without a cap' }).click();
    await expect.poll(() => findings.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => panel.getByText('Dismissed (1)').count()).toBe(1);

    // Send the other to the agent: a turn starts with the finding as its task.
    model!.script([{ text: 'Changed `>` to `>=`.' }]);
    const before = model!.requests.length;
    await first.getByRole('button', { name: 'Send to agent: Retries one time too many' }).click();
    await expect
      .poll(() => first.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Sent to the agent');
    await expect
      .poll(
        () =>
          model!.requests
            .slice(before)
            .some((r) =>
              r.messages.some((m) => m.role === 'user' && m.text.includes('Retries one time too many')),
            ),
        { timeout: AGENT_UI_TIMEOUT_MS },
      )
      .toBe(true);
    await saveScreenshot(page, 'review-agent-02-sent');
    expect(pageErrors).toEqual([]);
  });
});
