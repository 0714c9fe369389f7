import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import {
  RoleScript,
  addFilePatch,
  branchTips,
  createManagerProject,
  gitOut,
  lastToolResult,
  recordManagerUpdates,
  replaceLinePatch,
  workerIdOf,
  toolResults,
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

describe('manager threads: workers and the gate', () => {
  it('starts two workers, reads their diffs, fails the gate, asks for a fix and passes it', async () => {
    const { repo, projectId } = await createManagerProject(
      test,
      dirs,
      'test -f a.txt && grep -q fixed b.txt || { echo "b.txt says: $(cat b.txt)"; exit 3; }',
    );
    const updates = recordManagerUpdates(test);
    const tipsAtGate: string[] = [];

    script.queue('alpha', [
      { toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilePatch('a.txt', ['alpha work']) } }] },
      { toolCalls: [{ name: 'hand_back', arguments: { summary: 'Added a.txt.' } }] },
      { text: 'Handed back.' },
    ]);
    script.queue('beta', [
      { toolCalls: [{ name: 'apply_patch', arguments: { patch: addFilePatch('b.txt', ['draft']) } }] },
      { text: 'b.txt is drafted.' },
      // The manager's fix request starts a second turn.
      {
        toolCalls: [
          { name: 'apply_patch', arguments: { patch: replaceLinePatch('b.txt', 'draft', 'fixed') } },
        ],
      },
      { toolCalls: [{ name: 'hand_back', arguments: { summary: 'b.txt now says fixed.' } }] },
      { text: 'Fixed and handed back.' },
    ]);
    script.queue('manager', [
      {
        toolCalls: [
          { name: 'start_worker', arguments: { title: 'Alpha', task: '[role:alpha] Add a.txt' } },
          { name: 'start_worker', arguments: { title: 'Beta', task: '[role:beta] Add b.txt' } },
        ],
      },
      { toolCalls: [{ name: 'wait_for_workers', arguments: { mode: 'all', timeout_seconds: 60 } }] },
      (request) => ({
        toolCalls: [
          { name: 'worker_status', arguments: { thread_id: workerIdOf(request, 'Alpha') } },
          { name: 'worker_status', arguments: { thread_id: workerIdOf(request, 'Beta') } },
        ],
      }),
      () => {
        tipsAtGate.push(branchTips(repo.path));
        return { toolCalls: [{ name: 'report_done', arguments: { summary: 'Both files added.' } }] };
      },
      (request) => {
        tipsAtGate.push(branchTips(repo.path));
        return {
          toolCalls: [
            {
              name: 'message_worker',
              arguments: {
                thread_id: workerIdOf(request, 'Beta'),
                message: 'The check wants b.txt to say fixed.',
              },
            },
          ],
        };
      },
      (request) => ({
        toolCalls: [
          {
            name: 'wait_for_workers',
            arguments: { thread_ids: [workerIdOf(request, 'Beta')], mode: 'all', timeout_seconds: 60 },
          },
        ],
      }),
      { toolCalls: [{ name: 'report_done', arguments: { summary: 'Both files added; b.txt fixed.' } }] },
      { text: 'All done: the check passes.' },
    ]);

    const { thread: managerThread, manager: started } = await test.client.api.manager.start({
      projectId,
      title: 'Split the work',
      task: '[role:manager] Add a.txt and b.txt using two workers.',
    });
    expect(started.threadId).toBe(managerThread.id);
    expect(started.gate.status).toBe('not_run');
    const mainBefore = gitOut(repo.path, ['rev-parse', 'refs/heads/main']);

    const managerTurn = await test.turnCompleted(managerThread.id);
    expect(managerTurn.status).toBe('completed');
    const requests = script.of('manager');
    expect(requests).toHaveLength(8);

    // The wait returned both workers settled: Alpha handed back, Beta idle with its last message.
    const waited = lastToolResult(requests[2]);
    expect(waited).toContain('The wait is over.');
    expect(waited).toMatch(/"Alpha" \(thread_id \S+\): handed back\. Hand-back summary: Added a\.txt\./);
    expect(waited).toMatch(/"Beta" \(thread_id \S+\): idle\. Last message: b\.txt is drafted\./);

    // worker_status shows each worker's uncommitted work as a stat and a diff against its base.
    const [alphaStatus, betaStatus] = toolResults(requests[3]).slice(-2);
    expect(alphaStatus).toContain('a.txt | 1 +');
    expect(alphaStatus).toContain('+alpha work');
    expect(betaStatus).toContain('+draft');

    // The first report_done is refused with the check's output; the second one passes.
    const refused = lastToolResult(requests[4]);
    expect(refused).toContain('Not done');
    expect(refused).toContain('failed (exit code 3)');
    expect(refused).toContain('b.txt says: draft');
    expect(lastToolResult(requests[5])).toContain('started a new turn');
    expect(lastToolResult(requests[6])).toMatch(
      /"Beta" \(thread_id \S+\): handed back\. Hand-back summary: b\.txt now says fixed\./,
    );
    expect(lastToolResult(requests[7])).toContain('Done is recorded');

    const alphaId = workerIdOf(requests[7] as RecordedRequest, 'Alpha');
    const betaId = workerIdOf(requests[7] as RecordedRequest, 'Beta');
    const { manager } = await test.client.api.manager.get({ threadId: managerThread.id });
    expect(manager?.doneSummary).toBe('Both files added; b.txt fixed.');
    expect(manager?.gate.status).toBe('passed');
    expect(manager?.gate.check?.status).toBe('passed');
    // The two workers started in parallel, so their order is either.
    expect([...(manager?.gate.mergedThreadIds ?? [])].sort()).toEqual([alphaId, betaId].sort());
    expect(manager?.workers.map((worker) => [worker.threadId, worker.state]).sort()).toEqual(
      [
        [alphaId, 'handed_back'],
        [betaId, 'handed_back'],
      ].sort(),
    );
    // A worker's `manager/get` answers with its manager.
    expect((await test.client.api.manager.get({ threadId: betaId })).manager?.threadId).toBe(
      managerThread.id,
    );
    expect(updates.some((update) => update.gate.status === 'failed')).toBe(true);
    expect(updates.some((update) => update.gate.status === 'running')).toBe(true);

    // The gate ran on a scratch commit holding both workers' work; no branch moved for it.
    expect(tipsAtGate[0]).toBe(tipsAtGate[1]);
    expect(branchTips(repo.path)).toBe(tipsAtGate[0]);
    expect(gitOut(repo.path, ['rev-parse', 'refs/heads/main'])).toBe(mainBefore);
    const scratch = manager?.gate.scratchCommit ?? '';
    expect(gitOut(repo.path, ['rev-parse', `refs/skein/gates/${managerThread.id}/latest`]).trim()).toBe(
      scratch,
    );
    expect(gitOut(repo.path, ['show', `${scratch}:b.txt`])).toBe('fixed\n');
    expect(gitOut(repo.path, ['show', `${scratch}:a.txt`])).toBe('alpha work\n');
    // The workers' work stays uncommitted in their worktrees, and the scratch worktree is gone.
    const beta = await test.client.api.thread.get({ threadId: betaId });
    expect(gitOut(beta.worktreePath, ['status', '--porcelain'])).toBe('?? b.txt\n');
    expect(gitOut(repo.path, ['rev-parse', `refs/heads/${beta.branch}`]).trim()).toBe(beta.baseCommit);
    expect(readFileSync(join(beta.worktreePath, 'b.txt'), 'utf8')).toBe('fixed\n');
    expect(gitOut(repo.path, ['worktree', 'list'])).not.toContain(join(test.dataDir, 'gates'));
    expect(readdirSync(join(test.dataDir, 'gates', managerThread.id))).toEqual([]);
  });
});
