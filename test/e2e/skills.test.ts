import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_UI_TIMEOUT_MS, addRepositoryInPage, startThreadInPage } from '../support/e2e-agent-page';
import { launchChromium } from '../support/e2e-browser';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';
import type { ServeProcess } from '../support/e2e-serve';
import { replaceMonacoText, startSkillsServe, typedSkill } from '../support/e2e-skills';
import { startModelServer, type ModelServer } from '../support/model-server';

const SKILL = 'release-helper';
const BODY = 'Tag only after make release-check passes. SKILL-BODY-MARKER-5521.';

let tempRoot: string;
let home: string;
let codexHome: string;
let model: ModelServer | undefined;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  tempRoot = mkdtempSync(join(tmpdir(), 'skein-e2e-skills-'));
  model = await startModelServer();
  const served = await startSkillsServe(tempRoot, model);
  serve = served.serve;
  home = served.home;
  codexHome = served.codexHome;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serve?.stop();
  await model?.close();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
});

describe('skills in the browser', () => {
  test('a skill is created, validated as typed, fixed, saved, enabled and used in a thread', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    const repo = makeRepo(tempRoot, 'skills-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const pane = await startThreadInPage(page, projectName, 'Use a skill');

    await page.getByRole('button', { name: 'Skills', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Skills for ${projectName}` });
    await dialog.waitFor();

    // The host refuses a name the format does not allow, in its own words.
    await dialog.getByRole('button', { name: 'New skill' }).click();
    await dialog.getByRole('combobox', { name: 'Where' }).selectOption('user');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Release_Helper');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Steps for a release.');
    await dialog.getByRole('button', { name: 'Create skill' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('lowercase letters');
    await dialog.getByRole('textbox', { name: 'Name' }).fill(SKILL);
    await dialog.getByRole('button', { name: 'Create skill' }).click();

    // The editor opens on the template; a wrong name in the frontmatter is reported with its line.
    const editor = dialog.locator('.skill-source-editor[data-ready="true"]');
    await editor.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const skillFile = join(home, '.agents', 'skills', SKILL, 'SKILL.md');
    expect(existsSync(skillFile)).toBe(true);
    await replaceMonacoText(editor, typedSkill('release_helper', 'Steps for a release.', BODY));
    const problems = dialog.getByRole('list', { name: 'Problems' });
    await expect.poll(() => problems.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Line 2:');
    await expect.poll(() => editor.locator('.squiggly-error').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'skills-01-validation-error');
    // A problem takes the cursor to its line.
    await page.getByRole('button', { name: 'Close' }).last().focus();
    await problems
      .getByRole('button', { name: /^Line 2:/ })
      .first()
      .click();
    await expect.poll(() => editor.locator('.monaco-editor.focused').count()).toBe(1);
    // Leaving with unsaved text asks first.
    await dialog.getByRole('button', { name: 'All skills' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('unsaved changes');
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect.poll(() => dialog.getByRole('alert').count()).toBe(0);

    await replaceMonacoText(editor, typedSkill(SKILL, 'Steps for a release.', BODY));
    await dialog
      .getByText('No problems: the agent can use this skill.')
      .waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    // Mod+S in the editor saves, like the Save button.
    await page.keyboard.press('ControlOrMeta+S');
    await expect.poll(() => dialog.getByRole('status').first().innerText()).toContain('Saved.');
    await expect.poll(() => dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(readFileSync(skillFile, 'utf8')).toContain(BODY);
    await saveScreenshot(page, 'skills-02-saved');

    // Off, then on again for this project: the list follows the host's change notifications.
    await dialog.getByRole('button', { name: 'All skills' }).click();
    const toggle = dialog.getByRole('checkbox', { name: `Enable ${SKILL} for this project` });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await dialog.getByRole('searchbox', { name: 'Search skills' }).fill('release');
    await dialog.getByRole('listitem', { name: `Skill ${SKILL} (User)` }).waitFor();
    await saveScreenshot(page, 'skills-03-list');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });

    // Attached from the composer, the skill's whole SKILL.md reaches the model and the transcript says so.
    model!.script([{ text: ['Following the release steps.'] }]);
    await pane.getByRole('combobox', { name: 'Attach skill' }).focus();
    await expect
      .poll(() => pane.getByRole('combobox', { name: 'Attach skill' }).locator('option').allInnerTexts(), {
        timeout: AGENT_UI_TIMEOUT_MS,
      })
      .toContain(`${SKILL} (User)`);
    await pane.getByRole('combobox', { name: 'Attach skill' }).selectOption(SKILL);
    const box = pane.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => box.inputValue()).toBe(`$${SKILL} `);
    await box.click();
    await box.press('End');
    await box.pressSequentially('prepare the release');
    const send = pane.getByRole('button', { name: 'Send' });
    await expect.poll(() => send.isEnabled(), { timeout: AGENT_UI_TIMEOUT_MS }).toBe(true);
    await box.press('Enter');

    const message = pane.getByRole('article', { name: 'Your message' });
    await message.getByText(`Used skill: ${SKILL}`).waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await pane.getByText('Following the release steps.').waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const userText = model!.requests
      .flatMap((request) => request.messages)
      .filter((m) => m.role === 'user')
      .map((m) => m.text)
      .join('\n');
    expect(userText).toContain(`$${SKILL} prepare the release`);
    expect(userText).toContain(BODY);
    await saveScreenshot(page, 'skills-04-chip');

    // Off for this thread only: the thread's setting shows, and the composer stops offering it.
    await page.getByRole('button', { name: 'Command palette' }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions and threads' }).fill('Skills for');
    await palette.getByRole('option', { name: /^Skills for "Use a skill"/ }).click();
    const threadDialog = page.getByRole('dialog', { name: 'Skills for Use a skill' });
    const threadToggle = threadDialog.getByRole('checkbox', { name: `Enable ${SKILL} for this thread` });
    await threadToggle.uncheck();
    const row = threadDialog.getByRole('listitem', { name: `Skill ${SKILL} (User)` });
    await expect.poll(() => row.innerText()).toContain('thread setting');
    // Dropping the thread's own setting goes back to the project's (on); then off again for the rest.
    await row.getByRole('button', { name: `Use the project's setting for ${SKILL}` }).click();
    await expect.poll(() => threadToggle.isChecked()).toBe(true);
    await expect.poll(() => row.innerText()).not.toContain('thread setting');
    await threadToggle.uncheck();
    await expect.poll(() => row.innerText()).toContain('thread setting');
    await threadDialog.getByRole('button', { name: 'Close' }).last().click();
    await expect
      .poll(() => pane.getByRole('combobox', { name: 'Attach skill' }).locator('option').allInnerTexts())
      .not.toContain(`${SKILL} (User)`);
    expect(pageErrors).toEqual([]);
  });

  test('skills are found on disk, duplicated, renamed, copied to Codex, trashed, restored and imported', async () => {
    const page = await context!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    // This time from the command palette.
    await page.getByRole('button', { name: 'Command palette' }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions and threads' }).fill('Skills…');
    await palette.getByRole('option', { name: /^Skills…/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Skills/ });
    await dialog.getByRole('list', { name: 'Skills' }).waitFor({ timeout: AGENT_UI_TIMEOUT_MS });

    // Written by another tool while the list is open: it appears without a reload.
    const userSkills = join(home, '.agents', 'skills');
    mkdirSync(join(userSkills, 'disk-skill'), { recursive: true });
    writeFileSync(
      join(userSkills, 'disk-skill', 'SKILL.md'),
      typedSkill('disk-skill', 'Made on disk.', 'Body.'),
    );
    await dialog
      .getByRole('listitem', { name: 'Skill disk-skill (User)' })
      .waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    await dialog.getByRole('button', { name: 'Open disk-skill' }).click();

    // The open editor follows the file: a quiet reload without edits, a choice with unsaved edits.
    const editor = dialog.locator('.skill-source-editor[data-ready="true"]');
    await editor.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    const diskFile = join(userSkills, 'disk-skill', 'SKILL.md');
    // Monaco renders spaces as no-break spaces.
    const editorText = async () => (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    writeFileSync(diskFile, typedSkill('disk-skill', 'Made on disk.', 'Changed elsewhere.'));
    await expect.poll(editorText, { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Changed elsewhere.');
    await expect.poll(() => dialog.getByRole('status').first().innerText()).toContain('changed on disk');
    await replaceMonacoText(editor, typedSkill('disk-skill', 'Made on disk.', 'My own edit.'));
    writeFileSync(diskFile, typedSkill('disk-skill', 'Made on disk.', 'Theirs again.'));
    const banner = dialog.getByRole('alert').filter({ hasText: 'changed on disk while you were editing' });
    await banner.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
    expect(await editorText()).toContain('My own edit.');
    await saveScreenshot(page, 'skills-07-disk-conflict');
    await banner.getByRole('button', { name: 'Reload from disk' }).click();
    await expect.poll(editorText).toContain('Theirs again.');
    await expect.poll(() => dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    await dialog.getByRole('button', { name: 'Duplicate' }).click();
    await dialog.getByText(join(userSkills, 'disk-skill-copy')).waitFor();
    await dialog.getByRole('textbox', { name: 'New name' }).fill('renamed-skill');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.getByText(join(userSkills, 'renamed-skill'), { exact: true }).waitFor();
    expect(existsSync(join(userSkills, 'disk-skill-copy'))).toBe(false);
    expect(readFileSync(join(userSkills, 'renamed-skill', 'SKILL.md'), 'utf8')).toContain(
      'name: renamed-skill',
    );

    await dialog.getByRole('combobox', { name: 'Copy to' }).selectOption('codex');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    const codexCopy = join(codexHome, 'skills', 'renamed-skill');
    await dialog.getByText(codexCopy, { exact: true }).waitFor();
    expect(existsSync(join(codexCopy, 'SKILL.md'))).toBe(true);

    // The Codex copy goes to the trash and comes back.
    await dialog.getByRole('button', { name: 'Delete (to trash)' }).click();
    await dialog.getByText('Moved renamed-skill to the skill trash').waitFor();
    expect(existsSync(codexCopy)).toBe(false);
    await dialog.getByRole('button', { name: 'Trash' }).click();
    await dialog.getByRole('button', { name: 'Restore renamed-skill' }).click();
    await expect.poll(() => existsSync(join(codexCopy, 'SKILL.md'))).toBe(true);
    await dialog.getByText('The skill trash is empty.').waitFor();

    // Import from a plain folder: preview, choose, install into the user's folder.
    const source = join(tempRoot, 'import-source');
    mkdirSync(join(source, 'skills', 'imported-one'), { recursive: true });
    writeFileSync(
      join(source, 'skills', 'imported-one', 'SKILL.md'),
      typedSkill('imported-one', 'Came from elsewhere.', 'Imported body.'),
    );
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByRole('textbox', { name: 'Git URL or folder' }).fill(source);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('list', { name: 'Skills found' }).getByText('imported-one').first().waitFor();
    await dialog.getByRole('combobox', { name: 'Install into' }).selectOption('user');
    await saveScreenshot(page, 'skills-05-import');
    await dialog.getByRole('button', { name: 'Import 1 skill' }).click();
    await dialog.getByText('Imported imported-one.').waitFor();
    expect(existsSync(join(userSkills, 'imported-one', 'SKILL.md'))).toBe(true);
    await dialog.getByRole('listitem', { name: 'Skill imported-one (User)' }).waitFor();

    // The same name in two places: the weaker one says which wins.
    await dialog.getByRole('combobox', { name: 'Scope' }).selectOption('codex');
    const shadowed = dialog.getByRole('listitem', { name: 'Skill renamed-skill (Codex)' });
    await expect.poll(() => shadowed.innerText()).toContain('Shadowed by the User skill');
    await saveScreenshot(page, 'skills-06-shadowed');
    expect(pageErrors).toEqual([]);
  });
});
