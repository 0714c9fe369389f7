import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import {
  RoleScript,
  addFilePatch,
  branchTips,
  createManagerProject,
  lastToolResult,
  latch,
  workerIdOf,
} from '../support/manager-fixtures';
import { startModelServer, type ModelServer, type RecordedRequest } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let script: RoleScript;

beforeEach(async () => {
  server = await startModelServer();
  script = new RoleScript();
  server.script(script.responder);
  test = await AgentTestHost.start(dirs.make('skein-manager-data-'), agentEnv(server, dirs));
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const startOne = (title: string, role: string) => ({
  toolCalls: [{ name: 'start_worker', arguments: { title, task: `[role:${role}] Do the ${title} part` } }],
});
const waitAll = {
  toolCalls: [{ name: 'wait_for_workers', arguments: { mode: 'all', timeout_seconds: 60 } }],
};

describe('manager threads: waiting, handing back, waiving', () => {
  it('without a check command asks the user, and reports done once the user waives the gate', async () => {
    const { projectId } = await createManagerProject(test, dirs, null);
    script.queue('solo', [
      { toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilePatch('solo.txt', ['solo']) } }] },
      { text: 'Done with solo.txt.' },
    ]);
    script.queue('manager', [
      startOne('Solo', 'solo'),
      waitAll,
      { toolCalls: [{ name: 'report_done', arguments: { summary: 'solo.txt added.' } }] },
      { text: 'I need a check command or a waiver.' },
      // Second turn, after the user waived the gate.
      { toolCalls: [{ name: 'report_done', arguments: { summary: 'solo.txt added.' } }] },
      { text: 'Reported.' },
    ]);
    const { thread } = await test.client.api.manager.start({
      projectId,
      title: 'Waived',
      task: '[role:manager] Add solo.txt',
    });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const refusal = lastToolResult(script.of('manager')[3]);
    expect(refusal).toContain('no check command configured');
    const afterRefusal = (await test.client.api.manager.get({ threadId: thread.id })).manager;
    expect(afterRefusal?.doneSummary).toBeNull();
    expect(afterRefusal?.gate.status).toBe('not_run');
    // The merge still ran: the scratch commit holds the worker's work.
    expect(afterRefusal?.gate.scratchCommit).not.toBeNull();

    const { manager: waived } = await test.client.api.manager.waiveGate({
      threadId: thread.id,
      reason: 'No tests in this repository yet.',
    });
    expect(waived.gate.status).toBe('waived');
    expect(waived.gate.waivedReason).toBe('No tests in this repository yet.');
    await test.client.api.turn.start({ threadId: thread.id, message: 'The gate is waived; report done.' });
    expect((await test.turnCompleted(thread.id, 2)).status).toBe('completed');
    expect(lastToolResult(script.of('manager')[5])).toContain(
      'The user waived the gate (No tests in this repository yet.)',
    );
    const done = (await test.client.api.manager.get({ threadId: thread.id })).manager;
    expect(done?.doneSummary).toBe('solo.txt added.');
    expect(done?.workers.map((worker) => worker.state)).toEqual(['idle']);
  });

  it("wakes a waiting manager when a worker hands back, before the worker's turn ends", async () => {
    const { projectId } = await createManagerProject(test, dirs, 'true');
    const hold = latch();
    let workerTurnEndedAtWake: boolean | null = null;
    script.queue('slow', [
      { toolCalls: [{ name: 'hand_back', arguments: { summary: 'Nothing to change.' } }] },
      async () => {
        await hold.promise;
        return { text: 'Bye.' };
      },
    ]);
    script.queue('manager', [
      startOne('Slow', 'slow'),
      waitAll,
      (request) => {
        const workerId = workerIdOf(request, 'Slow');
        workerTurnEndedAtWake = test.of('turn/completed').some((entry) => entry.turn.threadId === workerId);
        hold.open();
        return { text: 'The worker handed back.' };
      },
    ]);
    const { thread } = await test.client.api.manager.start({
      projectId,
      title: 'Waker',
      task: '[role:manager] Delegate',
    });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    expect(workerTurnEndedAtWake).toBe(false);
    expect(lastToolResult(script.of('manager')[2])).toMatch(
      /The wait is over\.\n- "Slow" \(thread_id \S+\): handed back\. Hand-back summary: Nothing to change\./,
    );
    const workerId = workerIdOf(script.of('manager')[2] as RecordedRequest, 'Slow');
    expect((await test.turnCompleted(workerId)).status).toBe('completed');
    // The turn's end leaves the hand-back in place.
    const manager = (await test.client.api.manager.get({ threadId: thread.id })).manager;
    expect(manager?.workers[0]?.state).toBe('handed_back');
    expect(manager?.workers[0]?.summary).toBe('Nothing to change.');
  });

  it('ends the manager turn promptly when it is interrupted during wait_for_workers', async () => {
    const { projectId } = await createManagerProject(test, dirs, 'true');
    const hold = latch();
    script.queue('stuck', [
      async () => {
        await hold.promise;
        return { text: 'Finally.' };
      },
    ]);
    script.queue('manager', [
      startOne('Stuck', 'stuck'),
      { toolCalls: [{ name: 'wait_for_workers', arguments: { mode: 'any', timeout_seconds: 600 } }] },
      { text: 'unused' },
    ]);
    const { thread } = await test.client.api.manager.start({
      projectId,
      title: 'Impatient',
      task: '[role:manager] Delegate and wait',
    });
    await test.waitFor(
      () =>
        test
          .itemsStarted('tool_call')
          .find(
            (item) =>
              item.threadId === thread.id && item.kind === 'tool_call' && item.tool === 'wait_for_workers',
          ),
      'the manager to call wait_for_workers',
    );
    // The stream announces the call before the tool runs: interrupt only once the tool really waits.
    await until(() => test.host.services.managers.waitsInProgress() === 1, 'the wait to begin');
    const interruptedAt = performance.now();
    await test.client.api.turn.interrupt({ threadId: thread.id });
    const turn = await test.turnCompleted(thread.id);
    expect(turn.status).toBe('interrupted');
    expect(performance.now() - interruptedAt).toBeLessThan(5_000);
    expect(script.of('manager')).toHaveLength(2);
    const waitItem = await test.waitFor(
      () =>
        test
          .of('item/completed')
          .map((entry) => entry.item)
          .find((item) => item.kind === 'tool_call' && item.tool === 'wait_for_workers'),
      'the wait item to end',
      5_000,
    );
    expect(waitItem.status).toBe('interrupted');
    expect(waitItem.kind === 'tool_call' ? waitItem.output : null).toContain('The wait was interrupted.');
    // The tool itself let go of its wait (it honours the turn's abort signal) instead of lingering.
    expect(test.host.services.managers.waitsInProgress()).toBe(0);

    // The worker is still working; stopping it is the user's (or the manager's) call.
    const workerId = workerIdOf(script.of('manager')[1] as RecordedRequest, 'Stuck');
    expect((await test.client.api.manager.get({ threadId: workerId })).manager?.workers[0]?.state).toBe(
      'working',
    );
    hold.open();
    expect((await test.turnCompleted(workerId)).status).toBe('completed');
    expect((await test.client.api.manager.get({ threadId: thread.id })).manager?.workers[0]?.state).toBe(
      'idle',
    );
  });

  it("reports conflicting workers from the gate, and a manager cannot touch another manager's workers", async () => {
    const { repo, projectId } = await createManagerProject(test, dirs, 'true');
    script.queue('left', [
      { toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilePatch('c.txt', ['left']) } }] },
      { text: 'left done' },
    ]);
    script.queue('right', [
      { toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilePatch('c.txt', ['right']) } }] },
      { text: 'right done' },
    ]);
    script.queue('manager', [
      {
        toolCalls: [
          { name: 'start_worker', arguments: { title: 'Left', task: '[role:left] c.txt' } },
          { name: 'start_worker', arguments: { title: 'Right', task: '[role:right] c.txt' } },
        ],
      },
      waitAll,
      { text: 'Both finished.' },
    ]);
    const { thread } = await test.client.api.manager.start({
      projectId,
      title: 'Conflicted',
      task: '[role:manager] Two workers, one file',
    });
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const before = branchTips(repo.path);
    const { manager } = await test.client.api.manager.runGate({ threadId: thread.id });
    expect(manager.gate.status).toBe('conflict');
    expect(manager.gate.conflicts).toEqual(['c.txt']);
    expect(manager.gate.mergedThreadIds).toHaveLength(1);
    expect(branchTips(repo.path)).toBe(before);

    // Another manager asking about these workers is refused.
    const leftId = workerIdOf(script.of('manager')[2] as RecordedRequest, 'Left');
    script.queue('other', [
      { toolCalls: [{ name: 'worker_status', arguments: { thread_id: leftId } }] },
      { toolCalls: [{ name: 'stop_worker', arguments: { thread_id: leftId } }] },
      { text: 'Not mine.' },
    ]);
    const other = await test.client.api.manager.start({
      projectId,
      title: 'Other',
      task: '[role:other] Meddle',
    });
    expect((await test.turnCompleted(other.thread.id)).status).toBe('completed');
    expect(lastToolResult(script.of('other')[1])).toContain(`${leftId} is not one of your workers`);
    expect(lastToolResult(script.of('other')[2])).toContain(`${leftId} is not one of your workers`);
    const left = (await test.client.api.manager.get({ threadId: leftId })).manager?.workers.find(
      (worker) => worker.threadId === leftId,
    );
    expect(left?.state).toBe('idle');
  });
});
