import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalService, type TerminalService } from '../../src-main/core/terminals';
import {
  RecordingPublisher,
  RecordingSubscriber,
  TEST_SHELL,
  createTerminalFixture,
  isProcessRunning,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';

let fixture: TerminalFixture;
const services: TerminalService[] = [];

function startService(): TerminalService {
  const service = createTerminalService({
    db: fixture.db,
    publisher: new RecordingPublisher(),
    shell: TEST_SHELL,
  });
  services.push(service);
  return service;
}

function savedScrollback(terminalId: string): string {
  const row = fixture.db
    .prepare<[string], { scrollback: string }>('SELECT scrollback FROM terminals WHERE id = ?')
    .get(terminalId);
  return row?.scrollback ?? '';
}

beforeEach(() => {
  fixture = createTerminalFixture();
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
  fixture.cleanup();
});

describe('terminal scrollback persistence', () => {
  it('keeps the screen across a host restart, marks the terminal ended, and restarts it', async () => {
    const first = startService();
    const terminal = first.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const client = new RecordingSubscriber('client');
    await first.attach(terminal.id, client);
    first.input(terminal.id, 'echo marker-$((40+2))\r');
    await client.waitForText('marker-42');
    const [pid] = first.stats(terminal.id).pids;
    await first.dispose();
    expect(isProcessRunning(pid!)).toBe(false);

    // A new host on the same database file, as after quitting and reopening Skein.
    fixture.reopenDatabase();
    const second = startService();
    expect(second.get(terminal.id)).toMatchObject({ status: 'exited', exitCode: null });
    expect(second.list(fixture.threadId).map((t) => t.id)).toEqual([terminal.id]);
    const again = new RecordingSubscriber('again');
    const { terminal: attached, screen } = await second.attach(terminal.id, again);
    expect(attached.status).toBe('exited');
    expect(screen).toContain('marker-42');
    expect(screen).toContain(
      "[Skein restarted: this terminal's process ended. Restart it to get a new shell.]",
    );
    expect(screen.indexOf('Skein restarted')).toBeGreaterThan(screen.indexOf('marker-42'));
    expect(await second.waitForExit(terminal.id)).toBeNull();
    expect(() => second.input(terminal.id, 'ls\r')).toThrow(/restart the terminal/);

    expect(second.restart(terminal.id)).toMatchObject({ status: 'running', exitCode: null });
    second.input(terminal.id, 'echo fresh-$((6*7))\r');
    await again.waitForText('fresh-42');
    expect(second.stats(terminal.id).pids).toHaveLength(1);
  });

  it('does not repeat the restart notice when the host restarts again', async () => {
    const first = startService();
    const terminal = first.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    await first.dispose();
    const second = startService();
    await second.dispose();
    const third = startService();
    const screen = (await third.attach(terminal.id, new RecordingSubscriber('c'))).screen;
    expect(screen.split('Skein restarted').length - 1).toBe(1);
  });

  it('saves the screen a couple of seconds after output, without waiting for shutdown', async () => {
    const service = startService();
    const terminal = service.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const client = new RecordingSubscriber('client');
    await service.attach(terminal.id, client);
    service.input(terminal.id, 'echo saved-$((9*9))\r');
    await client.waitForText('saved-81');
    expect(savedScrollback(terminal.id)).not.toContain('saved-81');
    await waitUntil(() => savedScrollback(terminal.id).includes('saved-81'), 6_000, 'the debounced snapshot');
  });

  it('a quitting host stores the last save plus the output since, as is, and the next host shows both', async () => {
    const first = startService();
    const terminal = first.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const client = new RecordingSubscriber('client');
    await first.attach(terminal.id, client);
    first.input(terminal.id, 'echo early-$((5*5))\r');
    await waitUntil(() => savedScrollback(terminal.id).includes('early-25'), 6_000, 'the debounced snapshot');
    const lastSave = savedScrollback(terminal.id);
    first.input(terminal.id, 'echo late-$((6*6))\r');
    await client.waitForText('late-36');
    await first.dispose();
    // No serialize at quit: the stored text is the last save, untouched, then the raw output.
    const stored = savedScrollback(terminal.id);
    expect(stored.startsWith(lastSave)).toBe(true);
    expect(stored.slice(lastSave.length)).toContain('late-36');

    fixture.reopenDatabase();
    const second = startService();
    const { screen } = await second.attach(terminal.id, new RecordingSubscriber('again'));
    expect(screen).toContain('early-25');
    expect(screen.indexOf('late-36')).toBeGreaterThan(screen.indexOf('early-25'));
  });

  it('stops a thread: processes end, rows and screens stay', async () => {
    const service = startService();
    const a = service.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const b = service.open({ threadId: fixture.threadId, cwd: fixture.cwd });
    const otherThread = service.open({ threadId: fixture.addThread(), cwd: fixture.cwd });
    const client = new RecordingSubscriber('client');
    await service.attach(a.id, client);
    service.input(a.id, 'echo before-stop-$((1+1))\r');
    await client.waitForText('before-stop-2');
    const pids = [...service.stats(a.id).pids, ...service.stats(b.id).pids];

    await service.stopThread(fixture.threadId);
    expect(pids.filter(isProcessRunning)).toEqual([]);
    expect(service.list(fixture.threadId).map((t) => t.status)).toEqual(['exited', 'exited']);
    expect(service.get(otherThread.id).status).toBe('running');
    expect(savedScrollback(a.id)).toContain('before-stop-2');
    expect(savedScrollback(a.id)).toContain('[process ended by SIGHUP]');
    const rows = fixture.db.prepare('SELECT status FROM terminals WHERE thread_id = ?').all(fixture.threadId);
    expect(rows).toEqual([{ status: 'exited' }, { status: 'exited' }]);
  });

  it('keeps a terminal that ended before the restart as it was, with its exit code', async () => {
    const first = startService();
    const terminal = first.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: 'echo done-here; exit 4',
    });
    expect(await first.waitForExit(terminal.id)).toBe(4);
    await first.dispose();
    const second = startService();
    expect(second.get(terminal.id)).toMatchObject({ status: 'exited', exitCode: 4 });
    const screen = (await second.attach(terminal.id, new RecordingSubscriber('c'))).screen;
    expect(screen).toContain('done-here');
    expect(screen).toContain('[process exited with code 4]');
    expect(screen).not.toContain('Skein restarted');
  });
});
