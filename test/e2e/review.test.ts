import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RpcClient } from '../../src-shared/contract';
import {
  AGENT_UI_TIMEOUT_MS,
  addRepositoryInPage,
  agentServeEnv,
  sendInComposer,
  startThreadInPage,
  threadStatusIn,
} from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import {
  gitIn,
  makeRepoWithFiles,
  modifiedLine,
  editorText,
  recordCspViolations,
  showReviewTab,
  waitForDiff,
} from '../support/e2e-review';
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
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-review-'));
  model = await startModelServer();
  // No GitHub token reaches `gh` (serve's HOME is empty too): publishing takes the push-only path.
  serve = await startServe(join(tempRoot, 'data'), join(tempRoot, 'home'), {
    ...agentServeEnv(model),
    GH_TOKEN: '',
    GITHUB_TOKEN: '',
  });
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

const GREETING_TS = [
  '/** Greets people by name. */',
  'export function greet(name: string): string {',
  '  return `Hello, ${name}`;',
  '}',
  '',
].join('\n');

/** Turn 1: the agent changes one file and adds another. */
const FIRST_PATCH = [
  '*** Begin Patch',
  '*** Update File: src/greeting.ts',
  '@@',
  ' export function greet(name: string): string {',
  '-  return `Hello, ${name}`;',
  '+  return `Hello, ${name}! Nice to see you.`;',
  ' }',
  '*** Add File: docs/usage.md',
  '+# Usage',
  '+',
  '+Call `greet(name)` to greet someone.',
  '*** End Patch',
].join('\n');

/** Turn 2, answering the review comment: the commented line changes again. */
const SECOND_PATCH = [
  '*** Begin Patch',
  '*** Update File: src/greeting.ts',
  '@@',
  '-  return `Hello, ${name}! Nice to see you.`;',
  '+  return `Hi there, ${name}!`;',
  '*** End Patch',
].join('\n');

const COMMENT = 'Too formal: say "Hi there" instead.';

describe('reviewing a thread', () => {
  test('read the changes, comment on a line, send it to the agent, commit and squash-merge', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    const cspViolations = await recordCspViolations(page);
    await page.goto(serve!.url);

    const repo = makeRepoWithFiles(tempRoot, 'review-repo', { 'src/greeting.ts': GREETING_TS });
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Friendly greeting');

    // Turn 1: the scripted model patches two files.
    model!.script([
      { toolCalls: [{ id: 'call_first', name: 'apply_patch', arguments: { patch: FIRST_PATCH } }] },
      { text: 'Made the greeting warmer and documented it.' },
    ]);
    await sendInComposer(pane, 'Make the greeting friendlier and document it');
    await expect
      .poll(() => threadStatusIn(page, projectName, 'Friendly greeting').innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Done');

    // The review lists both files in a tree, with counts, and opens the first one in Monaco.
    await showReviewTab(pane);
    const tree = pane.getByRole('tree', { name: /^Changed files/ });
    const greetingRow = tree.getByRole('treeitem', { name: /^greeting\.ts, modified, 1 added, 1 removed/ });
    const usageRow = tree.getByRole('treeitem', { name: /^usage\.md, added, 3 added, 0 removed/ });
    await greetingRow.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await usageRow.waitFor();
    await expect.poll(() => tree.getByRole('treeitem', { name: /, folder,/ }).count()).toBe(2);
    await expect
      .poll(() => pane.getByRole('toolbar', { name: 'Review of Friendly greeting' }).innerText())
      .toMatch(/2 files\s+\+4\s+−1/);

    await usageRow.click();
    await expect
      .poll(() => editorText(pane, 'modified'), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('# Usage');
    await greetingRow.click();
    expect(await greetingRow.getAttribute('aria-selected')).toBe('true');
    const changedLine = modifiedLine(pane, 'Nice to see you');
    await changedLine.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await pane.getByRole('group', { name: 'Changes in src/greeting.ts' }).waitFor();
    // The original side shows the line as it was.
    await expect.poll(() => editorText(pane, 'original')).toContain('return `Hello, ${name}`;');
    await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);
    await pane.getByRole('button', { name: 'Revert hunk at lines 1–4' }).waitFor();
    await saveScreenshot(page, 'review-01-files-and-diff');

    // Per-turn view: turn 1 is listed by its request and shows the same two files.
    const rangePicker = pane.getByRole('combobox', { name: 'Changes to review' });
    await expect
      .poll(() => rangePicker.locator('option').allInnerTexts())
      .toEqual(['All changes', 'Turn 1: Make the greeting friendlier and document…']);

    // Comment on the changed line: put the cursor on it, ask to comment, write, save as a draft.
    await changedLine.click();
    // The button names the line; the keyboard path (Ctrl+Alt+C in the editor) does the same.
    await pane.getByRole('button', { name: 'Comment on line 3' }).waitFor();
    await page.keyboard.press('Control+Alt+KeyC');
    const form = pane.getByRole('form', { name: 'New comment' });
    await expect.poll(() => form.getByLabel('Quoted lines').innerText()).toContain('Nice to see you.');
    await form.getByRole('textbox', { name: 'Comment' }).fill('Too formal.');
    await form.getByRole('button', { name: 'Save draft' }).click();
    const drafts = pane.getByRole('list', { name: 'Draft comments' });
    await expect.poll(() => drafts.innerText()).toContain('Too formal.');
    // Drafts can be edited until they are sent.
    await drafts.getByRole('button', { name: 'Edit comment on src/greeting.ts, line 3' }).click();
    const edit = drafts.getByRole('form', { name: 'Edit comment' });
    await edit.getByRole('textbox', { name: 'Comment' }).fill(COMMENT);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => drafts.innerText()).toContain(COMMENT);
    expect(await drafts.innerText()).toContain('src/greeting.ts, line 3');
    // The draft is drawn in the editor under its line.
    await expect.poll(() => pane.locator('.review-comment-zone').first().innerText()).toContain(COMMENT);
    await saveScreenshot(page, 'review-02-draft-comment');

    // Send it: the agent's next turn gets the comment with its file, line and quote, and patches the line.
    model!.script([
      { toolCalls: [{ id: 'call_second', name: 'apply_patch', arguments: { patch: SECOND_PATCH } }] },
      { text: 'Changed it to "Hi there".' },
    ]);
    const requestsBefore = model!.requests.length;
    await pane.getByRole('button', { name: 'Send to agent (1)' }).click();
    await expect
      .poll(() => pane.getByRole('tab', { name: 'Conversation' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => pane.getByLabel('End of turn 2', { exact: true }).innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Done');
    const sentMessage = pane.getByRole('article', { name: 'Your message' }).last();
    expect(await sentMessage.innerText()).toContain(COMMENT);
    const secondTurnRequest = model!.requests
      .slice(requestsBefore)
      .find((r) => r.messages.some((m) => m.role === 'user' && m.text.includes(COMMENT)));
    const userText = secondTurnRequest?.messages.filter((m) => m.role === 'user').pop()?.text ?? '';
    expect(userText).toContain('src/greeting.ts');
    expect(userText).toContain('line 3');
    expect(userText).toContain('Nice to see you.');
    await saveScreenshot(page, 'review-03-new-turn');

    // Back in the review: the new line is there, the comment is no longer a draft, turn 2 is listed.
    await showReviewTab(pane);
    await modifiedLine(pane, 'Hi there').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);
    const sent = pane.getByRole('list', { name: 'Sent comments' });
    await expect.poll(() => sent.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain(COMMENT);
    await expect
      .poll(() => rangePicker.locator('option').allInnerTexts())
      .toContain('Turn 2: Please address these review comments…');
    await rangePicker.selectOption({ index: 2 });
    await expect
      .poll(() => tree.getByRole('treeitem').allInnerTexts(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toHaveLength(2);
    await expect.poll(() => tree.getAttribute('aria-label')).toBe('Changed files, 1 file');
    await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);
    await saveScreenshot(page, 'review-04-turn-2-range');
    await rangePicker.selectOption('base');
    await greetingRow.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    // Commit the worktree with a message, then squash-merge it into main.
    const commitBox = pane.getByRole('region', { name: 'Commit' });
    await commitBox
      .getByRole('textbox', { name: 'Commit message' })
      .fill('Friendlier greeting, with usage notes');
    await commitBox.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect
      .poll(() => commitBox.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Everything is committed.');

    // Publish: without a logged-in `gh` it pushes the branch to the chosen remote.
    const remote = join(tempRoot, 'review-remote.git');
    gitIn(tempRoot, 'init', '--quiet', '--bare', remote);
    gitIn(repo, 'remote', 'add', 'origin', remote);
    await pane.getByRole('button', { name: 'Publish…' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish Friendly greeting' });
    await expect.poll(() => publish.getByRole('combobox', { name: 'Remote' }).inputValue()).toBe('origin');
    expect(await publish.innerText()).toMatch(/The GitHub CLI (\(gh\) is not installed|is not logged in)/);
    await saveScreenshot(page, 'review-05-publish');
    await publish.getByRole('button', { name: 'Push', exact: true }).click();
    await expect
      .poll(() => publish.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Pushed skein/friendly-greeting to origin.');
    expect(gitIn(remote, 'rev-parse', 'skein/friendly-greeting')).toBe(
      gitIn(repo, 'rev-parse', 'skein/friendly-greeting'),
    );
    await publish.getByRole('button', { name: 'Close' }).click();

    await pane.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge Friendly greeting into main' });
    const preview = dialog.getByRole('region', { name: 'Merge preview' });
    await expect
      .poll(() => preview.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('1 commit ahead of main');
    await dialog.getByRole('radio', { name: /^Squash/ }).check();
    await saveScreenshot(page, 'review-06-merge-preview');
    const mainBefore = gitIn(repo, 'rev-parse', 'main').trim();
    await dialog.getByRole('button', { name: 'Squash and merge' }).click();
    await expect
      .poll(() => dialog.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('Merged into main');
    await saveScreenshot(page, 'review-07-merged');

    // The base branch has the change in one new commit on top of where it was.
    expect(gitIn(repo, 'show', 'main:src/greeting.ts')).toContain('return `Hi there, ${name}!`;');
    expect(gitIn(repo, 'show', 'main:docs/usage.md')).toContain('# Usage');
    expect(gitIn(repo, 'rev-parse', 'main^').trim()).toBe(mainBefore);
    expect(gitIn(repo, 'rev-list', '--parents', '-n', '1', 'main').trim().split(' ')).toHaveLength(2);
    // main is checked out in the repository and was clean, so its files moved along.
    expect(readFileSync(join(repo, 'src/greeting.ts'), 'utf8')).toContain('Hi there');
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');

    // Archiving closes the pane.
    await dialog.getByRole('button', { name: 'Archive thread' }).click();
    await pane.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    expect(await cspViolations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('revert a hunk, find the work under Recover and restore it as a new thread beside', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);

    const repo = makeRepoWithFiles(tempRoot, 'revert-repo', { 'src/greeting.ts': GREETING_TS });
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Second thoughts');
    model!.script([
      { toolCalls: [{ id: 'call_revert_me', name: 'apply_patch', arguments: { patch: FIRST_PATCH } }] },
      { text: 'Done.' },
    ]);
    await sendInComposer(pane, 'Make the greeting friendlier and document it');
    await expect
      .poll(() => threadStatusIn(page, projectName, 'Second thoughts').innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Done');
    const { threads } = await rpc!.api.thread.list({});
    const original = threads.find((t) => t.title === 'Second thoughts');
    expect(original).toBeDefined();

    await showReviewTab(pane);
    const tree = pane.getByRole('tree', { name: /^Changed files/ });
    await tree.getByRole('treeitem', { name: /^greeting\.ts, modified/ }).click();
    await waitForDiff(pane, AGENT_UI_TIMEOUT_MS);
    await pane.getByRole('button', { name: 'Revert hunk at lines 1–4' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revert hunk' });
    await expect.poll(() => confirm.innerText()).toContain('saved to the trash');
    await confirm.getByRole('button', { name: 'Revert hunk' }).click();
    await confirm.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Reverted the hunk' }).innerText())
      .toContain('refs/skein/trash/');
    await expect
      .poll(() => tree.getByRole('treeitem', { name: /^greeting\.ts/ }).count(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toBe(0);
    expect(readFileSync(join(original!.worktreePath, 'src/greeting.ts'), 'utf8')).toBe(GREETING_TS);

    // The replaced work is listed under Recover and comes back as a new thread, opened beside.
    const section = page.getByRole('region', { name: projectName, exact: true });
    await section.getByText('Recover', { exact: true }).click();
    await section
      .getByRole('button', { name: 'Restore Second thoughts as a new thread' })
      .first()
      .click({ timeout: AGENT_UI_TIMEOUT_MS });
    const restoredPane = page.getByRole('region', { name: 'Second thoughts (recovered)', exact: true });
    await restoredPane.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect.poll(() => page.locator('.pane').count()).toBe(2);
    const restored = (await rpc!.api.thread.list({})).threads.find(
      (t) => t.title === 'Second thoughts (recovered)',
    );
    expect(readFileSync(join(restored!.worktreePath, 'src/greeting.ts'), 'utf8')).toContain(
      'Nice to see you.',
    );

    // Its review shows the work again; two reviews side by side fold their comment columns away.
    await showReviewTab(restoredPane);
    await restoredPane
      .getByRole('tree', { name: /^Changed files/ })
      .getByRole('treeitem', { name: /^greeting\.ts, modified/ })
      .click({ timeout: AGENT_UI_TIMEOUT_MS });
    await modifiedLine(restoredPane, 'Nice to see you').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await waitForDiff(restoredPane, AGENT_UI_TIMEOUT_MS);
    await expect
      .poll(() => restoredPane.getByRole('button', { name: 'Comments' }).getAttribute('aria-expanded'))
      .toBe('false');
    await saveScreenshot(page, 'review-08-restored-beside');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
