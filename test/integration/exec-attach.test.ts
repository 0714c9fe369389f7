import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostControlSocket } from '../../src-main/host/commands/host-control-socket';
import type { ControlSocket } from '../../src-main/host/control-socket';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import { parseEvents, runExecCli, EXEC_RUN_TIMEOUT_MS } from '../support/exec-fixtures';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let model: ModelServer;
let repo: TestRepo;
let env: NodeJS.ProcessEnv;
let app: AgentTestHost;
let socket: ControlSocket | null = null;

beforeAll(async () => {
  model = await startModelServer();
  repo = createRepo(dirs, { files: { 'README.md': '# attached\n' } });
  env = { ...agentEnv(model, dirs), GIT_CONFIG_GLOBAL: '/dev/null' };
  // This host plays the desktop app: it holds the data folder and opens the control socket exec attaches to.
  app = await AgentTestHost.start(dirs.make('skein-exec-app-data-'), env);
  socket = await openHostControlSocket(app.host);
});

afterAll(async () => {
  await socket?.close();
  await app?.close();
  await model?.close();
  dirs.cleanup();
});

describe('skein exec next to a running host', () => {
  it(
    'runs in that host, and under `untrusted` aborts the turn at the first approval and exits 3',
    async () => {
      expect(socket).not.toBeNull();
      const before = model.requests.length;
      model.script([{ toolCalls: [{ name: 'shell', arguments: { command: 'touch made-by-exec.txt' } }] }]);
      const run = await runExecCli(
        [
          '--repo',
          repo.path,
          '--data',
          app.dataDir,
          '--json',
          '--approval-policy',
          'untrusted',
          'Make a file',
        ],
        env,
      );
      expect(run.code, run.stderr).toBe(3);
      const events = parseEvents(run.stdout);
      const threadId = String(events[0]?.thread_id);
      const error = events.find((event) => event.type === 'error');
      expect(error?.message).toContain('touch made-by-exec.txt');
      expect(error?.message).toContain('--approval-policy never');
      expect(events.at(-1)).toMatchObject({
        type: 'turn.failed',
        error: { message: expect.any(String) as unknown },
      });

      // The thread is the app host's: listed there, with the turn interrupted and nothing left waiting.
      const { threads } = await app.client.api.thread.list({});
      const thread = threads.find((candidate) => candidate.id === threadId);
      expect(thread?.title).toBe('Make a file');
      expect((await app.client.api.approval.list({ threadId })).approvals).toEqual([]);
      const { turns } = await app.transcript(threadId);
      expect(turns.map((turn) => turn.status)).toEqual(['interrupted']);
      expect(app.of('approval/resolved').map(({ approval }) => approval.decision)).toEqual(['abort_turn']);
      expect(app.of('thread/updated').some((update) => update.thread.id === threadId)).toBe(true);
      expect(existsSync(join(thread?.worktreePath ?? '', 'made-by-exec.txt'))).toBe(false);
      // The app host kept the folder: exec did not start a second host.
      expect(readFileSync(join(app.dataDir, 'host.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
      // One model call only: the turn stopped at the approval instead of telling the model it was declined.
      const calls = model.requests
        .slice(before)
        .filter((request) => ['responses', 'chat', 'anthropic'].includes(request.api));
      expect(calls).toHaveLength(1);
      // Its settings layer came from the flag.
      const settings = await app.client.api.agent.getSettings({ threadId });
      expect(settings.thread?.approvalPolicy).toBe('untrusted');
    },
    2 * EXEC_RUN_TIMEOUT_MS,
  );
});

describe('skein exec stopped by a signal', () => {
  it(
    'interrupts the running turn on SIGINT, waits until it stopped, and exits 130',
    async () => {
      model.script([{ text: ['Slowly', ' slowly', ' slowly', ' slowly'], chunkDelayMs: 2_000 }]);
      const run = await runExecCli(
        ['--repo', repo.path, '--data', app.dataDir, '--json', 'Take your time'],
        env,
        {
          signal: { when: /"type":"turn\.started"/, signal: 'SIGINT' },
        },
      );
      expect(run.code, run.stderr).toBe(130);
      const events = parseEvents(run.stdout);
      expect(events.at(-1)).toMatchObject({ type: 'turn.failed' });
      const threadId = String(events[0]?.thread_id);
      const { turns } = await app.transcript(threadId);
      expect(turns.map((turn) => turn.status)).toEqual(['interrupted']);
    },
    2 * EXEC_RUN_TIMEOUT_MS,
  );
});
