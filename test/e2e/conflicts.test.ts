import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcClient } from '../../src-shared/contract';
import { launchChromium } from '../support/e2e-browser';
import {
  RADAR_UI_TIMEOUT_MS,
  radarBadgeIn,
  startReadyThread,
  threadRowIn,
  writeInWorktree,
} from '../support/e2e-conflicts';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepoWithFiles, showReviewTab } from '../support/e2e-review';
import { connectRpc } from '../support/e2e-rpc';
import { startServe, type ServeProcess } from '../support/e2e-serve';

let tempRoot: string;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let rpc: RpcClient | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-conflicts-'));
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  rpc = await connectRpc(serve.url);
});

afterAll(async () => {
  rpc?.close();
  await context?.close();
  await browser?.close();
  await serve?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

const APP_TS = [
  'export const name = "app";',
  'export const greeting = "Hello";',
  'export const answer = 42;',
  '',
].join('\n');

describe('the conflict radar', () => {
  test('two threads editing the same lines get badges, a matrix cell and a warning before merge', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);

    const repo = makeRepoWithFiles(tempRoot, 'radar-repo', {
      'src/app.ts': APP_TS,
      'docs/notes.md': '# Notes\n',
    });
    const projectName = basename(repo);
    const project = await rpc!.api.project.add({ path: repo });
    await page
      .getByRole('region', { name: projectName, exact: true })
      .waitFor({ timeout: RADAR_UI_TIMEOUT_MS });

    // Before any thread there is nothing to compare; the palette opens the radar too.
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions and threads' }).fill('Conflict radar');
    await palette.getByRole('option', { name: `Conflict radar for ${projectName}` }).click();
    const radar = page.getByRole('dialog', { name: `Conflict radar for ${projectName}` });
    await expect
      .poll(() => radar.innerText(), { timeout: RADAR_UI_TIMEOUT_MS })
      .toContain('This repository has no live threads: there is nothing to compare.');
    await radar.getByRole('button', { name: 'Close', exact: true }).click();
    await radar.waitFor({ state: 'detached' });

    // A and B change the same line of src/app.ts differently; C changes another file. Nothing is committed.
    const alpha = await startReadyThread(rpc!, project.id, 'Alpha greeting');
    const beta = await startReadyThread(rpc!, project.id, 'Beta greeting');
    const gamma = await startReadyThread(rpc!, project.id, 'Gamma notes');
    writeInWorktree(alpha, 'src/app.ts', APP_TS.replace('"Hello"', '"Hello from Alpha"'));
    writeInWorktree(beta, 'src/app.ts', APP_TS.replace('"Hello"', '"Hi from Beta"'));
    writeInWorktree(gamma, 'docs/notes.md', '# Notes\n\nGamma was here.\n');

    // The badges come from the host's watcher, with no refresh asked for.
    const alphaRow = threadRowIn(page, projectName, 'Alpha greeting');
    const betaRow = threadRowIn(page, projectName, 'Beta greeting');
    const gammaRow = threadRowIn(page, projectName, 'Gamma notes');
    const alphaBadge = alphaRow.getByRole('button', { name: 'Conflicts with 1 thread', exact: true });
    await alphaBadge.waitFor({ timeout: RADAR_UI_TIMEOUT_MS });
    await betaRow.getByRole('button', { name: 'Conflicts with 1 thread', exact: true }).waitFor({
      timeout: RADAR_UI_TIMEOUT_MS,
    });
    expect(await alphaBadge.innerText()).toBe('⚠ 1');
    expect(await alphaBadge.getAttribute('title')).toBe('Conflicts with Beta greeting');
    // Once the matrix has settled, the third thread carries no mark.
    await expect
      .poll(async () => (await rpc!.api.conflicts.get({ projectId: project.id })).computing, {
        timeout: RADAR_UI_TIMEOUT_MS,
      })
      .toBe(false);
    expect(await radarBadgeIn(gammaRow).count()).toBe(0);
    await saveScreenshot(page, 'conflicts-01-badges');

    // The radar: a table of threads against threads and the base.
    await page.getByRole('button', { name: `Conflict radar for ${projectName}` }).click();
    const table = radar.getByRole('table', { name: 'Conflict matrix' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['Alpha greeting', 'Beta greeting', 'Gamma notes', 'Base']),
    );
    expect(await table.getByRole('rowheader').count()).toBe(3);
    const conflictCell = table.getByRole('button', {
      name: 'Alpha greeting and Beta greeting: conflict in 1 file',
    });
    await conflictCell.waitFor({ timeout: RADAR_UI_TIMEOUT_MS });
    await table.getByRole('button', { name: 'Alpha greeting and Gamma notes: clean' }).waitFor();
    await table.getByRole('button', { name: 'Gamma notes and base main: clean' }).waitFor();

    await conflictCell.click();
    expect(await conflictCell.getAttribute('aria-pressed')).toBe('true');
    const details = radar.getByRole('region', { name: 'Alpha greeting and Beta greeting' });
    const files = details.getByRole('list', { name: 'Conflicting files' });
    await expect.poll(() => files.innerText(), { timeout: RADAR_UI_TIMEOUT_MS }).toContain('src/app.ts');
    const detailText = await details.innerText();
    expect(detailText).toContain('both change the same lines');
    expect(detailText).toContain('Hello from Alpha');
    expect(detailText).toContain('Hi from Beta');

    // The suggested order lands two threads; simulating it shows where the chain breaks.
    const order = radar.getByRole('list', { name: 'Suggested merge order' });
    await expect.poll(() => order.getByRole('listitem').count()).toBe(3);
    await radar.getByRole('button', { name: 'Simulate merges' }).click();
    const steps = radar.getByRole('list', { name: 'Simulated merges' });
    await steps.waitFor({ timeout: RADAR_UI_TIMEOUT_MS });
    const stepText = await steps.innerText();
    expect(stepText).toContain('merges cleanly');
    expect(stepText).toContain('conflicts in src/app.ts');
    expect(await radar.innerText()).toMatch(
      /The chain breaks at (Alpha|Beta) greeting: 2 of 3 land cleanly on main/,
    );
    await saveScreenshot(page, 'conflicts-02-radar');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'conflicts-03-radar-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await radar.getByRole('button', { name: 'Close', exact: true }).click();
    await radar.waitFor({ state: 'detached' });

    // Alpha's review warns before merge, and so does its merge dialog.
    await alphaRow.getByRole('button', { name: 'Alpha greeting', exact: true }).click();
    const pane = page.getByRole('region', { name: 'Alpha greeting', exact: true });
    await showReviewTab(pane);
    const warning = pane.getByRole('status').filter({ hasText: 'Merging this thread will conflict with' });
    await warning.waitFor({ timeout: RADAR_UI_TIMEOUT_MS });
    expect(await warning.innerText()).toContain(
      'Merging this thread will conflict with Beta greeting (src/app.ts).',
    );
    await saveScreenshot(page, 'conflicts-04-review-warning');

    await pane.getByRole('button', { name: 'Merge…' }).click();
    const mergeDialog = page.getByRole('dialog', { name: 'Merge Alpha greeting into main' });
    await mergeDialog.waitFor();
    expect(
      await mergeDialog.getByRole('status').filter({ hasText: 'Beta greeting (src/app.ts)' }).count(),
    ).toBe(1);
    await saveScreenshot(page, 'conflicts-05-merge-dialog');
    await mergeDialog.getByRole('button', { name: 'Cancel' }).click();

    // The banner's button opens the radar on Alpha's first conflict.
    await warning.getByRole('button', { name: 'Open conflict radar' }).click();
    await expect
      .poll(() =>
        radar
          .getByRole('button', { name: /^Alpha greeting and Beta greeting: conflict/ })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');

    expect(pageErrors).toEqual([]);
  });
});
