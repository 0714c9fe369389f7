import { readFileSync } from 'node:fs';
import type { Download, Locator } from 'playwright-core';
import { AGENT_UI_TIMEOUT_MS } from './e2e-agent-page';

/** Opens a pane's Trace tab and returns the timeline list once it shows a turn. */
export async function showTraceTab(pane: Locator): Promise<Locator> {
  await pane.getByRole('tab', { name: 'Trace' }).click();
  const timeline = pane.getByRole('list', { name: 'Timeline' });
  await timeline.getByRole('listitem', { name: 'Turn 1' }).waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
  return timeline;
}

/** The text of a finished download (Playwright keeps it in a temporary file until the context closes). */
export async function downloadedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}
