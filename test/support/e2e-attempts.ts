import type { Locator, Page } from 'playwright-core';
import type { RecordedRequest, ScriptResponder, ScriptedReply } from './model-server';

/** What each scripted model writes when it gets the task: a patch of files, then a closing message. */
export interface ScriptedAttempt {
  model: string;
  files: Record<string, string>;
}

function addFilesPatch(files: Record<string, string>): string {
  const lines = ['*** Begin Patch'];
  for (const [path, content] of Object.entries(files)) {
    lines.push(`*** Add File: ${path}`);
    for (const line of content.split('\n')) lines.push(`+${line}`);
  }
  lines.push('*** End Patch');
  return lines.join('\n');
}

/**
 * Routes by the request's model: each attempt's model answers the task with one apply_patch call, and
 * once the tool's result is back, with a short closing message. Requests with no tools (anything
 * else the host may ask a model) get a plain answer.
 */
export function attemptsResponder(attempts: readonly ScriptedAttempt[]): ScriptResponder {
  return (request: RecordedRequest): ScriptedReply => {
    const attempt = attempts.find((a) => a.model === request.model);
    if (!attempt || request.tools.length === 0) return { text: 'OK.' };
    const last = request.messages[request.messages.length - 1];
    if (last?.role === 'tool') return { text: `Wrote ${Object.keys(attempt.files).join(', ')}.` };
    return {
      toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilesPatch(attempt.files) } }],
      usage: { input: 1_200, output: 300 },
    };
  };
}

/** Opens the repository's "⋯" menu in the sidebar and chooses an item. */
export async function chooseInRepositoryMenu(page: Page, projectName: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for repository ${projectName}` }).click();
  await page
    .getByRole('menu', { name: `Actions for repository ${projectName}` })
    .getByRole('menuitem', { name: item })
    .click();
}

/** One attempt's card in the compare view. */
export function attemptCard(dialog: Locator, index: number): Locator {
  return dialog.getByRole('article', { name: `Attempt ${index}`, exact: true });
}

/** A worker of the scripted manager: the file it writes and what it says when it hands back. */
export interface ScriptedWorker {
  title: string;
  file: string;
}

function lastToolCallName(request: RecordedRequest): string | undefined {
  const assistant = [...request.messages]
    .reverse()
    .find((m) => m.role === 'assistant' && m.toolCalls?.length);
  return assistant?.toolCalls?.[0]?.name;
}

/**
 * A manager that starts one worker per entry and ends its turn; each worker (found by its task) writes
 * its file, hands back, and ends. The manager and the workers are told apart by their tools.
 */
export function managerResponder(workers: readonly ScriptedWorker[]): ScriptResponder {
  return (request: RecordedRequest): ScriptedReply => {
    const tools = new Set(request.tools.map((t) => t.name));
    const last = request.messages[request.messages.length - 1];
    if (tools.has('start_worker')) {
      if (last?.role === 'tool') return { text: 'Both workers are on it.' };
      return {
        toolCalls: workers.map((w) => ({
          name: 'start_worker',
          arguments: { title: w.title, task: `Write ${w.file}` },
        })),
      };
    }
    if (tools.has('hand_back')) {
      const task = request.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.text)
        .join('\n');
      const worker = workers.find((w) => task.includes(w.file));
      if (!worker) return { text: 'Nothing for me here.' };
      if (last?.role !== 'tool') {
        return {
          toolCalls: [
            { name: 'apply_patch', arguments: { patch: addFilesPatch({ [worker.file]: worker.title }) } },
          ],
        };
      }
      if (lastToolCallName(request) === 'apply_patch') {
        return { toolCalls: [{ name: 'hand_back', arguments: { summary: `Wrote ${worker.file}.` } }] };
      }
      return { text: 'Handed back.' };
    }
    return { text: 'OK.' };
  };
}
