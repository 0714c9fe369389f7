import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAgentE2e, type AgentE2e } from '../support/e2e-agent-harness';
import { AGENT_UI_TIMEOUT_MS, addRepositoryInPage } from '../support/e2e-agent-page';
import { chooseInRepositoryMenu, managerResponder, type ScriptedWorker } from '../support/e2e-attempts';
import { saveScreenshot } from '../support/e2e-page';
import { makeRepo } from '../support/e2e-repo';

/** A manager turn, two worker worktrees and turns, and a gate (merge + sandboxed check) on 2 cores. */
const MANAGER_TIMEOUT_MS = 90_000;

const WORKERS: ScriptedWorker[] = [
  { title: 'Left half', file: 'left.txt' },
  { title: 'Right half', file: 'right.txt' },
];

let e2e: AgentE2e;

beforeAll(async () => {
  e2e = await startAgentE2e('managers', managerResponder(WORKERS));
});

afterAll(async () => {
  await e2e?.close();
});

describe('manager threads in the browser', () => {
  test('a manager’s workers nest under it, the gate fails, is waived, and the workers open side by side', async () => {
    const { page, pageErrors } = await e2e.openPage();
    const repo = makeRepo(e2e.tempRoot, 'managers-repo');
    const projectName = basename(repo);
    await addRepositoryInPage(page, repo);
    const { projects } = await e2e.rpc.api.project.list({});
    const project = projects.find((p) => p.name === projectName)!;
    // The workers write left.txt and right.txt; the check also wants a file nobody writes.
    await e2e.rpc.api.project.update({
      projectId: project.id,
      settings: { checkCommand: 'test -f left.txt && test -f right.txt && test -f missing.txt' },
    });

    await chooseInRepositoryMenu(page, projectName, 'New manager thread…');
    const start = page.getByRole('dialog', { name: `New manager thread in ${projectName}` });
    await start.getByRole('textbox', { name: 'Title' }).fill('Split job');
    await start.getByRole('textbox', { name: 'Task' }).fill('Write left.txt and right.txt');
    await saveScreenshot(page, 'managers-01-new');
    await start.getByRole('button', { name: 'Start manager' }).click();
    await start.waitFor({ state: 'detached', timeout: AGENT_UI_TIMEOUT_MS });

    // The workers appear nested under the manager, and hand back.
    const section = page.getByRole('region', { name: projectName, exact: true });
    const workers = section.getByRole('list', { name: 'Workers of Split job' });
    for (const worker of WORKERS) {
      const row = workers.getByRole('listitem').filter({ hasText: worker.title });
      await expect.poll(() => row.innerText(), { timeout: MANAGER_TIMEOUT_MS }).toContain('Handed back');
    }
    expect(await workers.innerText()).not.toContain('Split job');
    await saveScreenshot(page, 'managers-02-tree');

    // The panel: workers with their hand-back summaries, then the gate.
    const pane = page.getByRole('region', { name: 'Split job', exact: true });
    await pane.getByRole('button', { name: 'Workers and gate' }).click();
    const panel = page.getByRole('dialog', { name: 'Manager: Split job' });
    for (const worker of WORKERS) {
      const item = panel.getByRole('listitem', { name: `Worker ${worker.title}` });
      await expect
        .poll(() => item.innerText(), { timeout: MANAGER_TIMEOUT_MS })
        .toContain(`Wrote ${worker.file}.`);
    }
    const gate = panel.getByRole('region', { name: 'Gate' });
    await gate.getByRole('button', { name: 'Run gate' }).click();
    await expect.poll(() => gate.innerText(), { timeout: MANAGER_TIMEOUT_MS }).toContain('Gate failed');
    expect(await gate.innerText()).toContain('Left half');
    await saveScreenshot(page, 'managers-03-gate-failed');

    await gate.getByRole('button', { name: 'Waive gate…' }).click();
    await gate.getByRole('textbox', { name: 'Reason for waiving the gate' }).fill('missing.txt comes later');
    await gate.getByRole('button', { name: 'Waive gate', exact: true }).click();
    await expect.poll(() => gate.innerText(), { timeout: AGENT_UI_TIMEOUT_MS }).toContain('Gate waived');
    expect(await gate.innerText()).toContain('missing.txt comes later');
    const managerThread = (await e2e.rpc.api.thread.list({})).threads.find((t) => t.title === 'Split job')!;
    expect((await e2e.rpc.api.manager.get({ threadId: managerThread.id })).manager?.gate).toMatchObject({
      status: 'waived',
      waivedReason: 'missing.txt comes later',
    });
    await saveScreenshot(page, 'managers-04-waived');

    await panel.getByRole('button', { name: 'Show workers side by side' }).click();
    await panel.waitFor({ state: 'detached' });
    for (const worker of WORKERS) {
      await page.getByRole('region', { name: worker.title, exact: true }).waitFor();
    }
    await saveScreenshot(page, 'managers-05-side-by-side');
    expect(pageErrors).toEqual([]);
  });
});
