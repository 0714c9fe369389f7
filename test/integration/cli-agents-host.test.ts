import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChannelPair,
  createRpcClient,
  type NotificationParams,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { installFakeAgent, readFakeAgentRecord } from '../support/cli-agent-fixtures';
import { createRepo, TempDirs } from '../support/git-repo';
import { waitUntil } from '../support/terminal-fixtures';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let host: Host;
let client: RpcClient;
let statuses: NotificationParams<'cliAgents/status'>[];
let templateChanges: number;

beforeEach(async () => {
  const bin = installFakeAgent(dirs.make('skein-cli-bin-'), ['fake-agent']);
  host = await createHost({
    dataDir: dirs.make('skein-data-'),
    shell: '/bin/sh',
    cliAgents: {
      loginPath: () => Promise.resolve(bin.searchPath),
      timing: { quietAfterOutputMs: 500, tickMs: 50, stdinSettleMs: 300 },
    },
  });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  client = createRpcClient(clientSide);
  statuses = [];
  templateChanges = 0;
  client.on('cliAgents/status', (params) => statuses.push(params));
  client.on('cliAgents/templatesChanged', () => (templateChanges += 1));
});

afterEach(async () => {
  client.close();
  await host.dispose();
  dirs.cleanup();
});

async function readyThread(): Promise<Thread> {
  const repo = createRepo(dirs, { files: { 'README.md': 'hello\n' } });
  const project = await client.api.project.add({ path: repo.path });
  const started = await client.api.thread.start({ projectId: project.id, title: 'Agent in a terminal' });
  return waitUntil(
    async () => {
      const thread = await client.api.thread.get({ threadId: started.id });
      return thread.status === 'ready' ? thread : undefined;
    },
    30_000,
    'the thread to be ready',
  );
}

describe('cliAgents/* through the contract', () => {
  it('saves a template, starts it in the thread worktree, notifies statuses, lists and stops it', async () => {
    const thread = await readyThread();
    const { template } = await client.api.cliAgents.saveTemplate({
      name: 'Fake agent',
      executable: 'fake-agent',
      args: ['--', '{prompt}'],
      promptDelivery: 'argument',
    });
    expect(templateChanges).toBe(1);
    const { templates } = await client.api.cliAgents.presets({});
    expect(templates.map((t) => [t.id, t.detection.found])).toEqual([[template.id, true]]);

    const { terminal, agent } = await client.api.cliAgents.start({
      threadId: thread.id,
      templateId: template.id,
      prompt: 'do the thing; $(echo not run)',
    });
    expect(terminal).toMatchObject({ threadId: thread.id, cwd: thread.worktreePath, title: 'Fake agent' });
    expect(agent).toMatchObject({ templateId: template.id, name: 'Fake agent', status: 'working' });
    const record = await waitUntil(() => readFakeAgentRecord(thread.worktreePath));
    expect(record.prompt).toBe('do the thing; $(echo not run)');

    await waitUntil(() => statuses.some((s) => s.agentId === agent.id && s.status === 'waiting_for_input'));
    const { agents } = await client.api.cliAgents.list({ threadId: thread.id });
    expect(agents.map((a) => [a.id, a.status])).toEqual([[agent.id, 'waiting_for_input']]);
    await client.api.cliAgents.stop({ agentId: agent.id });
    await waitUntil(() => statuses.some((s) => s.agentId === agent.id && s.status === 'exited'));

    await client.api.cliAgents.removeTemplate({ templateId: template.id });
    expect((await client.api.cliAgents.presets({})).templates).toEqual([]);
    expect(templateChanges).toBe(2);
  });

  it('answers validation and refusals with the contract errors', async () => {
    const { problems } = await client.api.cliAgents.validateTemplate({
      executable: 'tool',
      args: ['--message={prompt}'],
      promptDelivery: 'argument',
    });
    expect(problems.map((p) => p.field)).toContain('args');
    const refused = await rpcFailure(
      client.api.cliAgents.saveTemplate({
        name: 'Bad',
        executable: 'bash',
        args: ['-c', '{prompt}'],
        promptDelivery: 'argument',
      }),
    );
    expect(refused.message).toContain('would run the prompt as commands');
    const unknown = await rpcFailure(client.api.cliAgents.stop({ agentId: 'nope' }));
    expect(unknown.message).toContain('There is no CLI agent');
  });
});
