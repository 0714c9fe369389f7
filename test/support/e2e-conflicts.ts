import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { RpcClient, Thread } from '../../src-shared/contract';

/** Worktree creation, snapshots and merge-tree runs for three threads on a busy 2-core machine. */
export const RADAR_UI_TIMEOUT_MS = 45_000;
const THREAD_READY_POLL_MS = 200;

/** Starts a thread through the contract and waits until its worktree exists. */
export async function startReadyThread(rpc: RpcClient, projectId: string, title: string): Promise<Thread> {
  const started = await rpc.api.thread.start({ projectId, title });
  const deadline = Date.now() + RADAR_UI_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const thread = await rpc.api.thread.get({ threadId: started.id });
    if (thread.status === 'ready') return thread;
    if (thread.status === 'setup_failed' || thread.status === 'error' || thread.status === 'missing') {
      throw new Error(`Thread "${title}" did not start: ${thread.status} ${thread.statusDetail ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, THREAD_READY_POLL_MS));
  }
  throw new Error(`Thread "${title}" was not ready within ${RADAR_UI_TIMEOUT_MS} ms`);
}

/** Writes a file into a thread's worktree as an editor would: uncommitted, nothing staged. */
export function writeInWorktree(thread: Thread, path: string, text: string): void {
  const full = join(thread.worktreePath, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** A thread's row in the sidebar, found by its project's region and its title. */
export function threadRowIn(page: Page, projectName: string, title: string): Locator {
  return page
    .getByRole('region', { name: projectName, exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) });
}

/** The radar badge of a row, whatever it says. */
export function radarBadgeIn(row: Locator): Locator {
  return row.getByRole('button', { name: /^(Conflicts|Overlaps) with / });
}
