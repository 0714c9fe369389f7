import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CURSOR_BLINK_IDLE_MS } from '../../src-renderer/features/terminal/idle-cursor-blink';
import type { RpcClient, Thread } from '../../src-shared/contract';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot, terminalText, useDomTerminals } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import { connectRpc } from '../support/e2e-rpc';
import { startServe, type ServeProcess } from '../support/e2e-serve';

/** Worktree creation, a shell start and a prompt on a busy 2-core machine. */
const UI_TIMEOUT_MS = 30_000;

let tempRoot: string;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-'));
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  rpc = await connectRpc(serve.url);
});

afterAll(async () => {
  rpc?.close();
  await context?.close();
  await browser?.close();
  await serve?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

async function addRepository(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Add repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add repository' });
  await dialog.getByRole('textbox', { name: 'Repository path' }).fill(path);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function startThread(page: Page, projectName: string, title: string): Promise<void> {
  await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
  const dialog = page.getByRole('dialog', { name: `New thread in ${projectName}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Start thread' }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/** Panes open on the agent conversation; this switches a pane to the terminal tab the region names. */
async function showTerminalTab(page: Page, regionName: string): Promise<void> {
  const [, tabName, threadTitle] = /^(Terminal \d+) of (.+)$/.exec(regionName) ?? [];
  if (!tabName || !threadTitle) throw new Error(`Not a terminal region name: ${regionName}`);
  const tab = page
    .getByRole('region', { name: threadTitle, exact: true })
    .getByRole('tab', { name: new RegExp(`^${tabName}( \\(exited\\))?$`) });
  if ((await tab.getAttribute('aria-selected', { timeout: UI_TIMEOUT_MS })) !== 'true') await tab.click();
}

/** Waits for the shell prompt, then types a command line into the terminal as a user would. */
async function runInTerminal(page: Page, regionName: string, command: string): Promise<void> {
  await showTerminalTab(page, regionName);
  const region = page.getByRole('region', { name: regionName, exact: true });
  await expect.poll(() => terminalText(page, regionName), { timeout: UI_TIMEOUT_MS }).toMatch(/[$#]\s*$/);
  await region.click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

async function threadByTitle(title: string): Promise<Thread> {
  const { threads } = await rpc!.api.thread.list({});
  const thread = threads.find((t) => t.title === title);
  if (!thread)
    throw new Error(
      `The host has no thread titled "${title}" (has: ${threads.map((t) => t.title).join(', ')})`,
    );
  return thread;
}

describe('threads and terminals in the browser', () => {
  test('two threads side by side, each terminal works in its own worktree, and screens survive a reload', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await useDomTerminals(page);
    await page.goto(serve!.url);

    // A path that is not a repository: the host's sentence is shown in the dialog.
    await page.getByRole('button', { name: 'Add repository' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add repository' });
    await addDialog.getByRole('textbox', { name: 'Repository path' }).fill(join(tempRoot, 'no-such-folder'));
    await addDialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => addDialog.getByRole('alert').innerText()).toContain('no-such-folder');
    await saveScreenshot(page, '01-add-repository-error');
    await addDialog.getByRole('button', { name: 'Cancel' }).click();

    const repo = makeRepo(tempRoot, 'demo-repo');
    const projectName = basename(repo);
    await addRepository(page, repo);
    await expect.poll(() => page.getByRole('heading', { name: projectName, exact: true }).count()).toBe(1);

    await startThread(page, projectName, 'Proof A');
    await startThread(page, projectName, 'Proof B');

    // Both threads are open in panes next to each other.
    const paneA = page.getByRole('region', { name: 'Proof A', exact: true });
    const paneB = page.getByRole('region', { name: 'Proof B', exact: true });
    await paneA.waitFor({ timeout: UI_TIMEOUT_MS });
    await paneB.waitFor({ timeout: UI_TIMEOUT_MS });
    const boxA = await paneA.boundingBox();
    const boxB = await paneB.boundingBox();
    expect(boxA && boxB && boxA.x + boxA.width <= boxB.x + 1).toBe(true);
    expect(boxA!.width).toBeGreaterThan(300);
    expect(boxB!.width).toBeGreaterThan(300);

    const terminalA = 'Terminal 1 of Proof A';
    const terminalB = 'Terminal 1 of Proof B';
    await runInTerminal(page, terminalA, 'echo one > proof-a.txt && echo wrote-a');
    await runInTerminal(page, terminalB, 'echo two > proof-b.txt && pwd');

    // On disk: each file landed in its own thread's worktree, nowhere else.
    const threadA = await threadByTitle('Proof A');
    const threadB = await threadByTitle('Proof B');
    expect(threadA.worktreePath).not.toBe(threadB.worktreePath);
    await expect
      .poll(() => existsSync(join(threadA.worktreePath, 'proof-a.txt')), { timeout: UI_TIMEOUT_MS })
      .toBe(true);
    await expect
      .poll(() => existsSync(join(threadB.worktreePath, 'proof-b.txt')), { timeout: UI_TIMEOUT_MS })
      .toBe(true);
    expect(readFileSync(join(threadA.worktreePath, 'proof-a.txt'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(threadB.worktreePath, 'proof-b.txt'), 'utf8')).toBe('two\n');
    expect(existsSync(join(threadB.worktreePath, 'proof-a.txt'))).toBe(false);
    expect(existsSync(join(threadA.worktreePath, 'proof-b.txt'))).toBe(false);
    expect(existsSync(join(repo, 'proof-a.txt')) || existsSync(join(repo, 'proof-b.txt'))).toBe(false);

    await expect.poll(() => terminalText(page, terminalA), { timeout: UI_TIMEOUT_MS }).toContain('wrote-a');
    await expect
      .poll(() => terminalText(page, terminalB), { timeout: UI_TIMEOUT_MS })
      .toContain(threadB.worktreePath);
    await saveScreenshot(page, '02-two-threads-side-by-side');

    // After a reload the panes come back and each terminal shows its earlier output.
    await page.reload();
    await expect
      .poll(() => terminalText(page, terminalA), { timeout: UI_TIMEOUT_MS })
      .toContain('echo one > proof-a.txt');
    await expect.poll(() => terminalText(page, terminalA), { timeout: UI_TIMEOUT_MS }).toContain('wrote-a');
    await expect
      .poll(() => terminalText(page, terminalB), { timeout: UI_TIMEOUT_MS })
      .toContain(threadB.worktreePath);
    await saveScreenshot(page, '03-after-reload');

    // The command palette finds a thread by a fuzzy query.
    await page.getByRole('button', { name: 'Command palette' }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions and threads' }).fill('prf a');
    await expect.poll(() => palette.getByRole('option').first().innerText()).toContain('Proof A');
    await saveScreenshot(page, '04-command-palette');
    await page.keyboard.press('Escape');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

/** Cursor blink animations running on the page (xterm's DOM renderer blinks with a CSS animation). */
function blinkingCursors(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.getAnimations().filter((animation) => {
        const target = (animation.effect as KeyframeEffect | null)?.target;
        return target instanceof Element && target.classList.contains('xterm-cursor-blink');
      }).length,
  );
}

describe('an idle terminal', () => {
  test('blinks its cursor while the user types and stops once idle', async () => {
    const page = await context!.newPage();
    await useDomTerminals(page);
    await page.goto(serve!.url);
    const repo = makeRepo(tempRoot, 'blink-repo');
    await addRepository(page, repo);
    await startThread(page, 'blink-repo', 'Blink');
    await runInTerminal(page, 'Terminal 1 of Blink', 'echo typed');
    expect(await blinkingCursors(page)).toBe(1);
    await expect
      .poll(() => blinkingCursors(page), { timeout: CURSOR_BLINK_IDLE_MS + UI_TIMEOUT_MS, interval: 1_000 })
      .toBe(0);
    await page.keyboard.type('x');
    await expect.poll(() => blinkingCursors(page), { timeout: UI_TIMEOUT_MS }).toBe(1);
    await page.close();
  });
});

describe('terminal tabs and thread actions', () => {
  test('restart an exited shell, close a second terminal, rename, archive, unarchive, delete with work kept in Recover', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await useDomTerminals(page);
    await page.goto(serve!.url);

    const repo = makeRepo(tempRoot, 'actions-repo');
    await addRepository(page, repo);
    await startThread(page, 'actions-repo', 'Scratch work');
    await runInTerminal(page, 'Terminal 1 of Scratch work', 'echo draft > notes.txt');
    const original = await threadByTitle('Scratch work');
    await expect
      .poll(() => existsSync(join(original.worktreePath, 'notes.txt')), { timeout: UI_TIMEOUT_MS })
      .toBe(true);

    // A shell that exits says so and can be restarted in place.
    const pane = page.getByRole('region', { name: 'Scratch work', exact: true });
    await runInTerminal(page, 'Terminal 1 of Scratch work', 'exit 3');
    await pane
      .getByRole('status')
      .filter({ hasText: 'Process exited with code 3.' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await pane.getByRole('tab', { name: 'Terminal 1 (exited)' }).waitFor();
    await pane.getByRole('button', { name: 'Restart Terminal 1' }).click();
    await pane.getByRole('tab', { name: 'Terminal 1', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await runInTerminal(page, 'Terminal 1 of Scratch work', 'echo restarted');
    await expect
      .poll(() => terminalText(page, 'Terminal 1 of Scratch work'), { timeout: UI_TIMEOUT_MS })
      .toMatch(/echo restarted.*restarted/);

    // A second terminal opens in its own tab; closing it asks first, since its scrollback is deleted.
    await pane.getByRole('button', { name: 'New terminal' }).click();
    await pane.getByRole('tab', { name: 'Terminal 2' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('region', { name: 'Terminal 2 of Scratch work', exact: true }).waitFor();
    await pane.getByRole('button', { name: 'Close Terminal 2' }).click();
    const closeDialog = page.getByRole('dialog', { name: 'Close terminal' });
    await closeDialog.getByRole('button', { name: 'Close terminal' }).click();
    await pane.getByRole('tab', { name: 'Terminal 2' }).waitFor({ state: 'detached' });
    expect((await rpc!.api.terminal.list({ threadId: original.id })).terminals).toHaveLength(1);

    const project = page.getByRole('region', { name: 'actions-repo', exact: true });
    const chooseAction = async (title: string, action: string) => {
      await project.getByRole('button', { name: `Actions for ${title}` }).click();
      await page
        .getByRole('menu', { name: `Actions for ${title}` })
        .getByRole('menuitem', { name: action })
        .click();
    };

    await chooseAction('Scratch work', 'Rename…');
    const renameDialog = page.getByRole('dialog', { name: 'Rename thread' });
    await renameDialog.getByRole('textbox', { name: 'Title' }).fill('Scratch notes');
    await renameDialog.getByRole('button', { name: 'Rename' }).click();
    await project.getByRole('button', { name: 'Scratch notes', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Scratch notes', exact: true }).waitFor();

    await chooseAction('Scratch notes', 'Archive');
    await project.getByText('Archived (1)').click();
    await page
      .getByRole('region', { name: 'Scratch notes', exact: true })
      .waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await project.getByRole('button', { name: 'Unarchive Scratch notes' }).click();
    await project
      .getByRole('button', { name: 'Scratch notes', exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    // Archiving kept the uncommitted file; unarchiving puts it back in the worktree.
    await expect
      .poll(async () => existsSync(join((await threadByTitle('Scratch notes')).worktreePath, 'notes.txt')), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(true);

    await chooseAction('Scratch notes', 'Delete…');
    const deleteDialog = page.getByRole('dialog', { name: 'Delete thread' });
    await deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .poll(() => deleteDialog.getByRole('alert').innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain('uncommitted changes');
    await saveScreenshot(page, '05-delete-dirty-thread');
    await deleteDialog.getByRole('button', { name: 'Delete anyway (work is kept in Recover)' }).click();
    await deleteDialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await project.getByRole('button', { name: 'Scratch notes', exact: true }).waitFor({ state: 'detached' });

    await project.getByText('Recover', { exact: true }).click();
    const recoverable = project.getByRole('list', { name: 'Recoverable work' });
    await expect.poll(() => recoverable.innerText(), { timeout: UI_TIMEOUT_MS }).toContain('Scratch notes');
    expect(await recoverable.innerText()).toContain('refs/skein/trash/');
    await saveScreenshot(page, '06-recover-list');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('losing the host', () => {
  // Runs last in this file: it stops the shared server and starts another on the same data.
  test('the page says it is reconnecting, and the next host start reports what it repaired', async () => {
    const repo = makeRepo(tempRoot, 'reconcile-repo');
    const project = await rpc!.api.project.add({ path: repo });
    const thread = await rpc!.api.thread.start({ projectId: project.id, title: 'Gone missing' });

    const page = await context!.newPage();
    await page.goto(serve!.url);
    await page
      .getByRole('heading', { name: 'reconcile-repo', exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await serve!.stop();
    await page
      .getByRole('status')
      .filter({ hasText: 'Reconnecting to the Skein host…' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, '07-reconnecting');

    // Someone deletes a worktree while Skein is not running; the next start reconciles and says so.
    rmSync(thread.worktreePath, { recursive: true, force: true });
    serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'));
    await page.goto(serve.url);
    const notices = page.getByRole('region', { name: 'Host notices' });
    await expect.poll(() => notices.innerText(), { timeout: UI_TIMEOUT_MS }).toContain('reconciled');
    await notices.getByText(/^Details/).click();
    await expect.poll(() => notices.getByRole('listitem').count()).toBeGreaterThan(0);
    await saveScreenshot(page, '08-host-notice');
    await notices.getByRole('button', { name: 'Dismiss notice' }).click();
    await notices.waitFor({ state: 'detached' });
    await page.close();
  });
});
