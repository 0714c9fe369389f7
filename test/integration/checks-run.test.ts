import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../src-shared/contract';
import { TEST_OPENAI_KEY, agentEnv, AgentTestHost } from '../support/agent-host';
import { createRepo, TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

/** A key stored in Skein (not in the environment by its usual name) that also sits in another variable. */
const STORED_KEY = 'sk-stored-anthropic-7e1d2c';
const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost;
let projectId: string;
let thread: Thread;

beforeEach(async () => {
  server = await startModelServer();
  // The same key under another name must not reach the check either.
  test = await AgentTestHost.start(
    dirs.make('skein-check-data-'),
    agentEnv(server, dirs, { MY_COPY_OF_THE_KEY: TEST_OPENAI_KEY, MY_STORED_KEY: STORED_KEY }),
  );
  const repo = createRepo(dirs, { files: { 'README.md': '# demo\n' } });
  const project = await test.client.api.project.add({ path: repo.path });
  projectId = project.id;
  await test.client.api.project.update({ projectId, settings: { poolSize: 0 } });
  const started = await test.client.api.thread.start({ projectId, title: 'Checked' });
  thread = started.status === 'ready' ? started : await test.threadStatus(started.id, 'ready');
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

describe('check/run', () => {
  it('refuses with a sentence when the project has no check command', async () => {
    const refusal: unknown = await test.client.api.check
      .run({ threadId: thread.id })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ kind: 'INVALID_STATE' });
    expect(String((refusal as Error).message)).toContain('has no check command. Set one in the project');
  });

  it('runs the command in the worktree without provider keys or the data folder', async () => {
    const command = [
      'cat README.md',
      'echo "openai=${OPENAI_API_KEY:-none} anthropic=${ANTHROPIC_API_KEY:-none} copy=${MY_COPY_OF_THE_KEY:-none} stored=${MY_STORED_KEY:-none}"',
      `if ls "${test.dataDir}/skein.db" >/dev/null 2>&1; then echo data=visible; else echo data=hidden; fi`,
    ].join(' && ');
    await test.client.api.project.update({ projectId, settings: { checkCommand: command } });
    await test.client.api.agent.setKey({ provider: 'anthropic', apiKey: STORED_KEY });
    const result = await test.client.api.check.run({ threadId: thread.id });
    expect(result).toMatchObject({ status: 'passed', exitCode: 0, command });
    expect(result.output).toContain('# demo');
    expect(result.output).toContain('openai=none anthropic=none copy=none stored=none');
    expect(result.output).not.toContain(TEST_OPENAI_KEY);
    // Only a sandbox can hide a folder; without one the result says it ran unconfined.
    if (result.sandbox !== 'none') expect(result.output).toContain('data=hidden');
    expect(result.completedAt).toBeGreaterThanOrEqual(result.startedAt);
  });

  it('reports a failing command with its exit code and output', async () => {
    await test.client.api.project.update({
      projectId,
      settings: { checkCommand: 'echo "2 tests failed" >&2; exit 3' },
    });
    const result = await test.client.api.check.run({ threadId: thread.id });
    expect(result).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(result.output).toContain('2 tests failed');
  });

  it('refuses an archived thread', async () => {
    await test.client.api.project.update({ projectId, settings: { checkCommand: 'true' } });
    await test.client.api.thread.archive({ threadId: thread.id });
    await expect(test.client.api.check.run({ threadId: thread.id })).rejects.toMatchObject({
      kind: 'INVALID_STATE',
    });
  });
});
