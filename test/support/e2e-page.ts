import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './e2e-serve';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** Saves a full-window screenshot to test-results/e2e/<name>.png (gitignored) for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * The visible text of a terminal, found by its region's accessible name. Reads xterm's DOM rows,
 * so the page must use the DOM renderer (the e2e tests turn GPU rendering off). Wrapped rows are
 * joined so long lines (paths) read whole.
 */
export async function terminalText(page: Page, regionName: string): Promise<string> {
  const rows = page.getByRole('region', { name: regionName, exact: true }).locator('.xterm-rows');
  const text = await rows.innerText();
  return text.replace(/\u00a0/g, ' ').replace(/\n/g, '');
}

/** Turns off WebGL terminals before any page script runs, so terminal text is in the DOM. */
export async function useDomTerminals(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('skein.terminal.gpu', 'off'));
}
