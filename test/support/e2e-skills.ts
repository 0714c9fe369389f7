import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { agentServeEnv } from './e2e-agent-page';
import { startServe, type ServeProcess } from './e2e-serve';
import type { ModelServer } from './model-server';

/** Serves with the scripted model and skill homes in temp folders: the machine's own skills never show. */
export async function startSkillsServe(
  tempRoot: string,
  model: ModelServer,
): Promise<{ serve: ServeProcess; home: string; codexHome: string }> {
  const home = join(tempRoot, 'home');
  const codexHome = join(tempRoot, 'codex-home');
  mkdirSync(codexHome, { recursive: true });
  const serve = await startServe(join(tempRoot, 'data'), home, {
    ...agentServeEnv(model),
    CODEX_HOME: codexHome,
  });
  return { serve, home, codexHome };
}

/** Replaces everything in a Monaco editor by typing, as a person would (select all, then type). */
export async function replaceMonacoText(editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  const page = editor.page();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** A SKILL.md as typed into the editor. */
export function typedSkill(name: string, description: string, body: string): string {
  return `---\nname: ${name}\ndescription: ${description}\n---\n\n# Steps\n\n${body}\n`;
}
