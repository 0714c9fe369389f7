import type { Locator, Page } from 'playwright-core';
import type { ModelServer } from './model-server';

/** Worktree creation, a model round trip and a sandboxed command on a busy 2-core machine. */
export const AGENT_UI_TIMEOUT_MS = 30_000;

export const E2E_MODEL = 'skein-scripted-model';

/**
 * The environment `skein serve` gets for agent tests: the scripted server as every provider, a test
 * key, the scripted model; the machine's own keys and settings never leak in.
 */
export function agentServeEnv(server: ModelServer): NodeJS.ProcessEnv {
  return {
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: `${server.url}/v1`,
    ANTHROPIC_API_KEY: '',
    ANTHROPIC_BASE_URL: server.url,
    OLLAMA_HOST: server.url,
    SKEIN_MODEL: `openai:${E2E_MODEL}`,
    SKEIN_ADMIN_REQUIREMENTS: '',
  };
}

export async function addRepositoryInPage(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Add repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add repository' });
  await dialog.getByRole('textbox', { name: 'Repository path' }).fill(path);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Starts a thread from the sidebar and returns its pane (it opens on the conversation). */
export async function startThreadInPage(page: Page, projectName: string, title: string): Promise<Locator> {
  await page.getByRole('button', { name: `New thread in ${projectName}` }).click();
  const dialog = page.getByRole('dialog', { name: `New thread in ${projectName}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Start thread' }).click();
  await dialog.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });
  const pane = page.getByRole('region', { name: title, exact: true });
  await pane.waitFor({ timeout: AGENT_UI_TIMEOUT_MS });
  return pane;
}

/** Types a message into the pane's composer as a person would and sends it with Enter. */
export async function sendInComposer(pane: Locator, text: string): Promise<void> {
  const box = pane.getByRole('textbox', { name: 'Message' });
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

/** The pane's sidebar status badge text, e.g. "Working" or "Done". */
export function threadStatusIn(page: Page, projectName: string, title: string): Locator {
  return page
    .getByRole('region', { name: projectName, exact: true })
    .getByRole('button', { name: title, exact: true });
}

/** Samples a locator's text every few milliseconds until `done` is seen; returns every distinct value. */
export async function watchText(
  locator: Locator,
  done: string,
  timeoutMs = AGENT_UI_TIMEOUT_MS,
): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = (await locator.count()) > 0 ? await locator.innerText() : '';
    if (text !== seen[seen.length - 1]) seen.push(text);
    if (text.includes(done)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`Never saw "${done}" within ${timeoutMs} ms; saw: ${JSON.stringify(seen)}`);
}
