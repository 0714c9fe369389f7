import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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
import {
  commitFiles,
  git,
  gitBytes,
  makeRepoWithContent,
  monacoText,
  rebaseUnderWay,
  squashed,
  threadTitled,
} from '../support/e2e-rebase';
import { showReviewTab } from '../support/e2e-review';
import { connectRpc } from '../support/e2e-rpc';
import { startServe, type ServeProcess } from '../support/e2e-serve';
import { startModelServer, type ModelServer } from '../support/model-server';

let tempRoot: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-rebase-'));
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

const GREETING = 'export const greeting = "Hello";\n';
const BASE_GREETING = 'export const greeting = "Good morning";\n';
const THREAD_GREETING = 'export const greeting = "Hi there";\n';
const MERGED_GREETING = 'export const greeting = "Hi there, good morning";\n';

interface Setup {
  page: Page;
  pane: Locator;
  repo: string;
  worktree: string;
  branch: string;
  threadHead: string;
  baseHead: string;
  pageErrors: string[];
}

type Files = Record<string, string | Buffer>;

/** The greeting line, changed one way by the thread and another way on main. */
const GREETING_CHANGES = {
  initial: { 'src/greeting.ts': GREETING },
  thread: { 'src/greeting.ts': THREAD_GREETING },
  base: { 'src/greeting.ts': BASE_GREETING },
};

/**
 * A thread that committed a change, then a conflicting commit on main in the main checkout; the
 * page shows the thread's review.
 */
async function threadBehindConflictingBase(
  name: string,
  title: string,
  files: { initial: Files; thread: Files; base: Files } = GREETING_CHANGES,
): Promise<Setup> {
  const page = await context!.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(serve!.url);
  const repo = makeRepoWithContent(tempRoot, name, files.initial);
  await addRepositoryInPage(page, repo);
  const pane = await startThreadInPage(page, basename(repo), title);
  const thread = await threadTitled(rpc!, title);
  const threadHead = commitFiles(thread.worktreePath, 'Say hi', files.thread);
  const baseHead = commitFiles(repo, 'Say good morning', files.base);
  await showReviewTab(pane);
  return {
    page,
    pane,
    repo,
    worktree: thread.worktreePath,
    branch: thread.branch,
    threadHead,
    baseHead,
    pageErrors,
  };
}

async function startRebaseInPage(setup: Setup): Promise<Locator> {
  const { page, pane } = setup;
  const offer = pane.getByRole('button', { name: 'Rebase onto main', exact: true });
  await offer.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
  await saveScreenshot(page, `rebase-00-offer-${basename(setup.repo)}`);
  await offer.click();
  const confirm = page.getByRole('dialog', { name: 'Rebase onto main' });
  expect(await confirm.innerText()).toContain('Uncommitted work is kept');
  await confirm.getByRole('button', { name: 'Start rebase' }).click();
  await confirm.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
  const region = pane.getByRole('region', { name: 'Rebase in progress' });
  await region.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
  return region;
}

/** One column of the three-way view, found by its heading. */
function column(region: Locator, heading: string): Locator {
  return region.getByRole('region', { name: heading, exact: true });
}

describe('rebasing a thread onto its base', () => {
  test('stops on the conflict, resolves it in the three-way view and continues onto main', async () => {
    const setup = await threadBehindConflictingBase('rebase-repo', 'Casual greeting');
    const { page, pane, repo, worktree, branch } = setup;
    // Uncommitted work in the worktree must survive the rebase.
    writeFileSync(join(worktree, 'README.md'), '# rebase-repo\n\nWork in progress.\n');

    const region = await startRebaseInPage(setup);
    expect(rebaseUnderWay(worktree)).toBe(true);
    await expect.poll(() => region.innerText()).toContain('Step 1 of 1');
    expect(await region.innerText()).toContain('Say hi');
    const files = region.getByRole('list', { name: 'Conflicted files' });
    const fileButton = files.getByRole('button', { name: /^src\/greeting\.ts, changed on both sides/ });
    await fileButton.waitFor();
    const continueButton = region.getByRole('button', { name: 'Continue rebase' });
    expect(await continueButton.isDisabled()).toBe(true);
    expect(await region.innerText()).toContain('Resolve the conflicted file first');

    // The first conflicted file opens by itself; its button shows it as the open one.
    await expect.poll(() => fileButton.getAttribute('aria-pressed')).toBe('true');
    const threeWay = region.getByRole('region', { name: 'Resolve src/greeting.ts' });
    await threeWay.waitFor();
    const base = column(threeWay, 'Base (main)');
    const result = column(threeWay, 'Result');
    const theirs = column(threeWay, "This thread's change");
    await expect.poll(() => monacoText(base), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Good morning');
    await expect.poll(() => monacoText(theirs)).toContain('Hi there');
    await expect.poll(() => monacoText(result)).toContain('<<<<<<<');
    expect(await monacoText(result)).toContain('>>>>>>>');
    expect(await threeWay.innerText()).toContain('1 conflict region left in the result.');
    await saveScreenshot(page, 'rebase-01-three-way');

    // Closing and reopening from the list works.
    await fileButton.click();
    await threeWay.waitFor({ state: 'detached' });
    await fileButton.click();
    await expect
      .poll(() => monacoText(column(threeWay, 'Result')), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('<<<<<<<');

    await threeWay.getByRole('button', { name: "Take thread's" }).click();
    await expect.poll(() => monacoText(column(threeWay, 'Result'))).toBe(squashed(THREAD_GREETING));
    await threeWay.getByRole('button', { name: 'Save and mark resolved' }).click();
    await expect
      .poll(() => region.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Every conflict of this commit is resolved.');
    await threeWay.waitFor({ state: 'detached' });
    expect(await continueButton.isDisabled()).toBe(false);
    await saveScreenshot(page, 'rebase-02-resolved');

    await continueButton.click();
    await region.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Rebase finished' }).count())
      .toBeGreaterThan(0);
    // The branch now sits on main's tip: the offer goes away once the review has caught up.
    await expect
      .poll(() => pane.getByRole('button', { name: 'Rebase onto main', exact: true }).count(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe(0);
    await saveScreenshot(page, 'rebase-03-done');

    // The branch sits on top of main with the resolved content, and the uncommitted work is back.
    expect(rebaseUnderWay(worktree)).toBe(false);
    expect(git(repo, 'rev-parse', `${branch}^`)).toBe(setup.baseHead);
    expect(git(repo, 'show', `${branch}:src/greeting.ts`)).toBe(THREAD_GREETING.trimEnd());
    expect(git(repo, 'log', '-1', '--format=%s', branch)).toBe('Say hi');
    expect(readFileSync(join(worktree, 'src/greeting.ts'), 'utf8')).toBe(THREAD_GREETING);
    expect(readFileSync(join(worktree, 'README.md'), 'utf8')).toContain('Work in progress.');

    expect(setup.pageErrors).toEqual([]);
    await page.close();
  });

  test('hands the conflict to the agent, whose turn shows in the conversation, then continues', async () => {
    const setup = await threadBehindConflictingBase('agent-repo', 'Agent resolves');
    const { page, pane, repo, worktree, branch } = setup;
    const region = await startRebaseInPage(setup);
    await region.getByRole('region', { name: 'Resolve src/greeting.ts' }).waitFor();

    // The scripted agent replaces the whole conflicted file (markers and all) with a merged line.
    const conflicted = readFileSync(join(worktree, 'src/greeting.ts'), 'utf8').trimEnd().split('\n');
    const patch = [
      '*** Begin Patch',
      '*** Update File: src/greeting.ts',
      '@@',
      ...conflicted.map((line) => `-${line}`),
      `+${MERGED_GREETING.trimEnd()}`,
      '*** End Patch',
    ].join('\n');
    model!.script([
      { toolCalls: [{ id: 'call_resolve', name: 'apply_patch', arguments: { patch } }] },
      { text: 'Kept both greetings.' },
    ]);
    await region.getByRole('button', { name: 'Ask the agent to resolve' }).click();
    const note = region.getByRole('status').filter({ hasText: 'agent' });
    await expect
      .poll(() => note.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain("The agent's turn ended");
    // The three-way view reads the file again: the result is the agent's.
    const result = column(region.getByRole('region', { name: 'Resolve src/greeting.ts' }), 'Result');
    await expect
      .poll(() => monacoText(result), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe(squashed(MERGED_GREETING));
    await saveScreenshot(page, 'rebase-05-agent-resolved');

    await note.getByRole('button', { name: 'Show conversation' }).click();
    await expect
      .poll(() => pane.getByRole('tab', { name: 'Conversation' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => pane.getByRole('article', { name: 'Agent message' }).last().innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Kept both greetings.');
    expect(await pane.getByRole('article', { name: 'Your message' }).last().innerText()).toContain(
      'src/greeting.ts',
    );

    await showReviewTab(pane);
    await region.getByRole('button', { name: 'Mark src/greeting.ts resolved' }).click();
    await expect
      .poll(() => region.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Every conflict of this commit is resolved.');
    await region.getByRole('button', { name: 'Continue rebase' }).click();
    await region.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    expect(git(repo, 'rev-parse', `${branch}^`)).toBe(setup.baseHead);
    expect(git(repo, 'show', `${branch}:src/greeting.ts`)).toBe(MERGED_GREETING.trimEnd());
    expect(setup.pageErrors).toEqual([]);
    await page.close();
  });

  test("a binary file in conflict: keep the thread's version whole", async () => {
    const logo = (fill: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, fill, fill, 0x00, 0xff]);
    const setup = await threadBehindConflictingBase('binary-repo', 'New logo', {
      initial: { 'assets/logo.png': logo(1) },
      thread: { 'assets/logo.png': logo(2) },
      base: { 'assets/logo.png': logo(3) },
    });
    const { page, repo, branch } = setup;
    const region = await startRebaseInPage(setup);
    const fileButton = region.getByRole('button', { name: /^assets\/logo\.png, .*, binary$/ });
    await expect
      .poll(() => fileButton.getAttribute('aria-pressed'), { timeout: AGENT_UI_TIMEOUT_MS })
      .toBe('true');
    const threeWay = region.getByRole('region', { name: 'Resolve assets/logo.png' });
    await expect.poll(() => threeWay.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('binary file');
    // No editors for bytes: a choice of whole versions instead.
    expect(await threeWay.locator('.monaco-editor').count()).toBe(0);
    await saveScreenshot(page, 'rebase-06-binary');
    await threeWay.getByRole('button', { name: "Keep thread's version" }).click();
    await expect
      .poll(() => region.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Every conflict of this commit is resolved.');
    await region.getByRole('button', { name: 'Continue rebase' }).click();
    await region.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    expect(git(repo, 'rev-parse', `${branch}^`)).toBe(setup.baseHead);
    expect(gitBytes(repo, 'show', `${branch}:assets/logo.png`)).toEqual(logo(2));
    expect(setup.pageErrors).toEqual([]);
    await page.close();
  });

  test('abort returns the branch to where it was', async () => {
    const setup = await threadBehindConflictingBase('abort-repo', 'Second opinion');
    const { page, repo, worktree, branch, threadHead } = setup;
    const region = await startRebaseInPage(setup);
    await region.getByRole('region', { name: 'Resolve src/greeting.ts' }).waitFor();
    // A half-done resolution is dropped by the abort.
    await region.getByRole('button', { name: 'Take base' }).click();

    await region.getByRole('button', { name: 'Abort rebase' }).click();
    const confirm = page.getByRole('dialog', { name: 'Abort the rebase' });
    expect(await confirm.innerText()).toContain('Everything returns to where it was');
    await saveScreenshot(page, 'rebase-04-abort-confirm');
    await confirm.getByRole('button', { name: 'Abort rebase' }).click();
    await confirm.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    await region.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    await setup.pane.getByRole('button', { name: 'Rebase onto main', exact: true }).waitFor();

    expect(rebaseUnderWay(worktree)).toBe(false);
    expect(git(repo, 'rev-parse', branch)).toBe(threadHead);
    expect(git(worktree, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(worktree, 'src/greeting.ts'), 'utf8')).toBe(THREAD_GREETING);
    expect(setup.pageErrors).toEqual([]);
    await page.close();
  });
});
