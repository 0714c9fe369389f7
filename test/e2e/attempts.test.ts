import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAgentE2e, type AgentE2e } from '../support/e2e-agent-harness';
import { AGENT_UI_TIMEOUT_MS, addRepositoryInPage } from '../support/e2e-agent-page';
import {
  attemptCard,
  attemptsResponder,
  chooseInRepositoryMenu,
  type ScriptedAttempt,
} from '../support/e2e-attempts';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';

/** Three worktrees, three agent turns and three sandboxed checks on a busy 2-core machine. */
const ATTEMPTS_TIMEOUT_MS = 90_000;

const ATTEMPTS: ScriptedAttempt[] = [
  // Passes the check (ok.txt) with the smallest change.
  { model: 'model-a', files: { 'ok.txt': 'ok', 'a.txt': 'from a' } },
  // Fails the check: no ok.txt.
  { model: 'model-b', files: { 'b.txt': 'from b' } },
  // Passes with more lines.
  { model: 'model-c', files: { 'ok.txt': 'ok', 'c.txt': 'from c\nline two\nline three' } },
];

let e2e: AgentE2e;

beforeAll(async () => {
  e2e = await startAgentE2e('attempts', attemptsResponder(ATTEMPTS), {
    models: ATTEMPTS.map((a) => a.model),
  });
});

afterAll(async () => {
  await e2e?.close();
});

describe('attempts in the browser', () => {
  test('three attempts compared and one picked', async () => {
    const { page, pageErrors } = await e2e.openPage();
    const repo = makeRepo(e2e.tempRoot, 'attempts-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);

    // The check command is a repository setting.
    await chooseInRepositoryMenu(page, projectName, 'Repository settings…');
    const settings = page.getByRole('dialog', { name: `Settings of ${projectName}` });
    await settings.getByRole('textbox', { name: 'Check command' }).fill('test -f ok.txt');
    await saveScreenshot(page, 'attempts-01-repository-settings');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.waitFor({ state: 'detached' });
    const { projects } = await e2e.rpc.api.project.list({});
    expect(projects.find((p) => p.name === projectName)?.settings.checkCommand).toBe('test -f ok.txt');

    // Three attempts, one model each.
    await chooseInRepositoryMenu(page, projectName, 'Run attempts…');
    const runDialog = page.getByRole('dialog', { name: `Run attempts in ${projectName}` });
    await runDialog.getByRole('textbox', { name: 'Title' }).fill('Greeting');
    await runDialog.getByRole('textbox', { name: 'Task' }).fill('Write the greeting files');
    expect(await runDialog.getByRole('spinbutton', { name: 'Number of attempts' }).inputValue()).toBe('3');
    for (const [i, attempt] of ATTEMPTS.entries()) {
      const select = runDialog.getByRole('combobox', { name: `Model for attempt ${i + 1}` });
      await expect
        .poll(() => select.locator('option').count(), { timeout: AGENT_UI_TIMEOUT_MS })
        .toBeGreaterThan(1);
      await select.selectOption(`openai:${attempt.model}`);
    }
    await saveScreenshot(page, 'attempts-02-run-dialog');
    await runDialog.getByRole('button', { name: 'Start 3 attempts' }).click();

    // The compare view follows the attempts live until all three are done.
    const compare = page.getByRole('dialog', { name: 'Attempts: Greeting' });
    await compare.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await expect
      .poll(() => compare.getByRole('status').first().innerText(), { timeout: ATTEMPTS_TIMEOUT_MS })
      .toBe('Ready to compare');
    const cards = [1, 2, 3].map((index) => attemptCard(compare, index));
    await expect
      .poll(() => cards[0]!.innerText(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toContain('2 files, +2 −0');
    await expect.poll(() => cards[1]!.innerText()).toContain('1 file, +1 −0');
    await expect.poll(() => cards[2]!.innerText()).toContain('2 files, +4 −0');
    for (const card of cards) expect(await card.innerText()).toContain('Done');
    expect(await cards[0]!.innerText()).toContain('Built-in · model-a');

    await compare.getByRole('button', { name: 'Run check on all' }).click();
    await expect
      .poll(() => cards[0]!.innerText(), { timeout: ATTEMPTS_TIMEOUT_MS })
      .toContain('Check passed');
    await expect
      .poll(() => cards[1]!.innerText(), { timeout: ATTEMPTS_TIMEOUT_MS })
      .toContain('Check failed');
    await expect
      .poll(() => cards[2]!.innerText(), { timeout: ATTEMPTS_TIMEOUT_MS })
      .toContain('Check passed');
    await cards[1]!.getByLabel('Check output of Attempt 2').click();
    expect(await cards[1]!.innerText()).toContain('test -f ok.txt');
    await saveScreenshot(page, 'attempts-03-compare');

    // Attempt 1 against attempt 2: the files that differ, one side by side in the diff editor.
    await cards[0]!.getByRole('button', { name: 'Diff Attempt 1 against…' }).click();
    await page
      .getByRole('menu', { name: 'Diff Attempt 1 against' })
      .getByRole('menuitem', { name: /^Attempt 2:/ })
      .click();
    const diff = compare.getByRole('region', { name: 'Diff of Attempt 1 against Attempt 2' });
    const files = diff.getByRole('list', { name: 'Files that differ' });
    await expect
      .poll(() => files.getByRole('button').allInnerTexts(), { timeout: AGENT_UI_TIMEOUT_MS })
      .toHaveLength(3);
    const names = (await files.getByRole('button').allInnerTexts()).map((text) => text.split(/\s/)[0]);
    expect(names).toEqual(['a.txt', 'b.txt', 'ok.txt']);
    await files.getByRole('button', { name: /^a\.txt/ }).click();
    const editor = diff.getByRole('group', { name: 'Changes in a.txt' });
    await editor.locator('.monaco-diff-editor').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    // Monaco renders spaces as no-break spaces.
    const modifiedText = async () =>
      (await editor.locator('.modified .view-lines').innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(modifiedText).toContain('from a');
    await saveScreenshot(page, 'attempts-04-diff');

    // Attempt 2 takes ok.txt from attempt 1, and then passes its check too.
    await files.getByRole('button', { name: /^ok\.txt/ }).click();
    await diff.getByRole('button', { name: 'Take ok.txt from Attempt 1 into Attempt 2' }).click();
    await expect
      .poll(() => diff.getByRole('region', { name: 'Take changes' }).innerText(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain('Took 1 hunk into Attempt 2.');
    await cards[1]!.getByRole('button', { name: 'Run check on Attempt 2' }).click();
    await expect
      .poll(() => cards[1]!.innerText(), { timeout: ATTEMPTS_TIMEOUT_MS })
      .toContain('Check passed');
    await saveScreenshot(page, 'attempts-05-taken');

    // Pick attempt 3: the confirmation says what happens to the others.
    await cards[2]!.getByRole('button', { name: 'Pick Attempt 3 as winner' }).click();
    const confirm = page.getByRole('dialog', { name: 'Pick Attempt 3 as winner' });
    expect(await confirm.innerText()).toContain('archived');
    expect(await confirm.innerText()).toContain('archived threads');
    await saveScreenshot(page, 'attempts-06-pick');
    await confirm.getByRole('button', { name: 'Pick and archive the others' }).click();
    await confirm.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
    await expect.poll(() => cards[2]!.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Winner');
    await expect.poll(() => cards[0]!.innerText()).toContain('Archived');
    await expect.poll(() => cards[1]!.innerText()).toContain('Archived');
    await saveScreenshot(page, 'attempts-07-picked');

    const { threads } = await e2e.rpc.api.thread.list({ includeArchived: true });
    const attemptThreads = threads.filter((t) => t.title.startsWith('Greeting'));
    expect(attemptThreads).toHaveLength(3);
    const archived = attemptThreads.filter((t) => t.archivedAt !== null).map((t) => t.title);
    expect(archived.sort()).toEqual(
      attemptThreads
        .filter((t) => !t.title.includes('3/3'))
        .map((t) => t.title)
        .sort(),
    );

    await compare.getByRole('button', { name: 'Close', exact: true }).click();
    const section = page.getByRole('region', { name: projectName, exact: true });
    await section.getByText('Archived (2)').waitFor();
    // A picked group folds away; opening the fold lists it again.
    await section.getByText('Attempts (1)').click();
    await section.getByRole('button', { name: 'Compare attempts: Greeting' }).waitFor();
    await saveScreenshot(page, 'attempts-08-sidebar');
    expect(pageErrors).toEqual([]);
  });
});
