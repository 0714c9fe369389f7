import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { makeRepo } from './e2e-repo';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Skein E2E',
  GIT_AUTHOR_EMAIL: 'e2e@skein.invalid',
  GIT_COMMITTER_NAME: 'Skein E2E',
  GIT_COMMITTER_EMAIL: 'e2e@skein.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Read-only git in the test's repository (show, log, status). */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
}

/**
 * A repository on `main` with the given files committed on top of makeRepo's first commit, and a
 * committer identity in its own config: serve runs with an empty HOME, and Skein refuses to
 * commit or merge in the name of nobody.
 */
export function makeRepoWithFiles(parent: string, name: string, files: Record<string, string>): string {
  const dir = makeRepo(parent, name);
  gitIn(dir, 'config', 'user.name', 'Skein Reviewer');
  gitIn(dir, 'config', 'user.email', 'reviewer@skein.invalid');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '--quiet', '-m', 'Add the project files');
  return dir;
}

/** The diff editor's modified side for a file (Monaco renders each visible line as a `.view-line`). */
export function modifiedLine(pane: Locator, text: string): Locator {
  return pane.locator('.editor.modified .view-lines .view-line', { hasText: text });
}

/** The text Monaco shows on one side, visible lines only, joined by newlines (its spaces are NBSPs). */
export async function editorText(pane: Locator, side: 'original' | 'modified'): Promise<string> {
  const lines = await pane.locator(`.editor.${side} .view-lines .view-line`).allInnerTexts();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).join('\n');
}

/** Waits until Monaco has computed the diff and drawn an inserted line on the modified side. */
export async function waitForDiff(pane: Locator, timeout: number): Promise<void> {
  await pane.locator('.editor.modified .line-insert').first().waitFor({ timeout });
}

/** Opens the review tab of a pane if it is not showing. */
export async function showReviewTab(pane: Locator): Promise<void> {
  const tab = pane.getByRole('tab', { name: 'Review', exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/**
 * Collects Content-Security-Policy violations the page reports, to prove Monaco (its worker, styles
 * and font) runs under our policy. One is expected and left out: zod 4 probes once whether
 * `new Function` works (to pick its fast parser); the policy refuses, zod catches it and parses
 * without it, but Chromium still reports the refusal.
 */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      if (event.effectiveDirective === 'script-src' && event.blockedURI === 'eval') return;
      seen.push(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}
