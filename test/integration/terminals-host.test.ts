import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../src-shared/contract';
import { createRepo, TempDirs } from '../support/git-repo';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';
import { waitUntil } from '../support/terminal-fixtures';
import type { Subscriber } from '../../src-main/core/events';

/** A subscriber that never hears anything: lets the test read the screen without attaching the client. */
const probe: Subscriber = { id: 'probe', notify: () => undefined, onClose: () => () => undefined };

const dirs = new TempDirs();
let host: ThreadsTestHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  dirs.cleanup();
});

describe('terminals in the full host', () => {
  it('opens a shell in a thread worktree, streams it, and stops it when the thread is archived', async () => {
    const repo = createRepo(dirs, { files: { 'README.md': '# repo\n', 'marker-file.txt': 'x\n' } });
    host = await startThreadsHost(dirs.make('skein-terminals-host-'));
    const { client } = host;
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const started = await client.api.thread.start({ projectId: project.id, title: 'Terminal thread' });
    const thread = await host.waitForStatus(started.id, 'ready');

    let output = '';
    client.on('terminal/data', ({ terminalId, data }) => {
      output += data;
      void client.api.terminal.ack({ terminalId, chars: data.length });
    });
    const terminal = await client.api.terminal.open({ threadId: thread.id });
    expect(terminal.cwd).toBe(thread.worktreePath);
    await client.api.terminal.attach({ terminalId: terminal.id });
    await client.api.terminal.input({
      terminalId: terminal.id,
      data: 'ls; echo "in=$SKEIN_THREAD_ID-$((1+1))"\r',
    });
    await waitUntil(
      () => output.includes(`in=${thread.id}-2`) && output.includes('marker-file.txt'),
      10_000,
      'shell output',
    );

    await client.api.thread.archive({ threadId: thread.id });
    const [stopped] = (await client.api.terminal.list({ threadId: thread.id })).terminals;
    expect(stopped).toMatchObject({ id: terminal.id, status: 'exited' });
    const refused = await client.api.terminal.open({ threadId: thread.id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).kind).toBe('INVALID_STATE');
  });

  it('host/hello starts a new session: the reloaded client stops receiving the old attachments', async () => {
    const repo = createRepo(dirs, { files: { 'README.md': '# repo\n' } });
    host = await startThreadsHost(dirs.make('skein-terminals-hello-'));
    const { client } = host;
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const started = await client.api.thread.start({ projectId: project.id, title: 'Hello thread' });
    const thread = await host.waitForStatus(started.id, 'ready');
    const terminal = await client.api.terminal.open({ threadId: thread.id });

    let output = '';
    client.on('terminal/data', ({ data }) => {
      output += data;
    });
    await client.api.terminal.attach({ terminalId: terminal.id });
    await client.api.terminal.input({ terminalId: terminal.id, data: 'echo before-$((2+2))\r' });
    await waitUntil(() => output.includes('before-4'), 10_000, 'output before hello');

    await client.api.host.hello({});
    const stats = host.host.services.terminals.stats(terminal.id);
    expect(Object.keys(stats.pendingFrameChars)).toHaveLength(0);
    output = '';
    await client.api.terminal.input({ terminalId: terminal.id, data: 'echo after-$((3+3))\r' });
    // The host still runs the shell: a fresh attach shows the new output on the screen...
    await waitUntil(
      async () => (await host!.host.services.terminals.attach(terminal.id, probe)).screen.includes('after-6'),
      10_000,
      'screen after hello',
    );
    // ...but the old session's attachment is gone, so none of it was pushed to this client.
    expect(output).not.toContain('after-6');
  });
});
