import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { createTerminalService, type TerminalService } from '../../src-main/core/terminals';
import { FRAME_INTERVAL_MS } from '../../src-main/core/terminals/constants';
import {
  RecordingPublisher,
  RecordingSubscriber,
  TEST_SHELL,
  childPids,
  createTerminalFixture,
  isProcessRunning,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';

let fixture: TerminalFixture;
let publisher: RecordingPublisher;
let service: TerminalService;

beforeEach(() => {
  fixture = createTerminalFixture();
  publisher = new RecordingPublisher();
  service = createTerminalService({ db: fixture.db, publisher, shell: TEST_SHELL });
});

afterEach(async () => {
  await service.dispose();
  fixture.cleanup();
});

function openShell(cols?: number, rows?: number) {
  return service.open({ threadId: fixture.threadId, cwd: fixture.cwd, cols, rows });
}

/** The screen a client attaching now would get (attached and detached at once). */
async function screenOf(terminalId: string): Promise<string> {
  const probe = new RecordingSubscriber('probe');
  const { screen } = await service.attach(terminalId, probe);
  service.detach(terminalId, probe);
  return screen;
}

function caught(run: () => unknown): SkeinError {
  try {
    run();
  } catch (error) {
    if (error instanceof SkeinError) return error;
    throw error;
  }
  throw new Error('expected a SkeinError');
}

describe('terminal service', () => {
  it('runs a shell in the given folder and echoes what is typed', async () => {
    const terminal = openShell();
    expect(terminal).toMatchObject({
      status: 'running',
      cwd: fixture.cwd,
      cols: 120,
      rows: 30,
      purpose: 'shell',
    });
    const client = new RecordingSubscriber('client-1');
    await service.attach(terminal.id, client);
    service.input(terminal.id, 'echo hello-$((1+2)); pwd; echo "thread=$SKEIN_THREAD_ID term=$TERM"\r');
    await client.waitForText('hello-3');
    await client.waitForText(`\r\n${fixture.cwd}\r\n`);
    await client.waitForText(`thread=${fixture.threadId} term=xterm-256color`);
    expect(publisher.named('terminal/updated').map((n) => n.terminal.id)).toContain(terminal.id);
  });

  it('resizes the pty and the mirror', async () => {
    const terminal = openShell(100, 40);
    const client = new RecordingSubscriber('client-1');
    await service.attach(terminal.id, client);
    service.input(terminal.id, 'stty size\r');
    await client.waitForText('40 100');
    service.resize(terminal.id, 77, 21);
    expect(service.get(terminal.id)).toMatchObject({ cols: 77, rows: 21 });
    service.input(terminal.id, 'stty size\r');
    await client.waitForText('21 77');
    const row = fixture.db.prepare('SELECT cols, rows FROM terminals WHERE id = ?').get(terminal.id);
    expect(row).toEqual({ cols: 77, rows: 21 });
  });

  it('records an exit: code, a line in the screen, the row, a notification and waitForExit', async () => {
    const terminal = openShell();
    const client = new RecordingSubscriber('client-1');
    await service.attach(terminal.id, client);
    const exited = service.waitForExit(terminal.id);
    service.input(terminal.id, 'exit 7\r');
    expect(await exited).toBe(7);
    expect(service.get(terminal.id)).toMatchObject({ status: 'exited', exitCode: 7 });
    await client.waitForText('[process exited with code 7]');
    expect(await screenOf(terminal.id)).toContain('[process exited with code 7]');
    const row = fixture.db.prepare('SELECT status, exit_code FROM terminals WHERE id = ?').get(terminal.id);
    expect(row).toEqual({ status: 'exited', exit_code: 7 });
    const updates = publisher.named('terminal/updated').filter((n) => n.terminal.id === terminal.id);
    expect(updates.at(-1)?.terminal).toMatchObject({ status: 'exited', exitCode: 7 });
    expect(await service.waitForExit(terminal.id)).toBe(7);
    expect(caught(() => service.input(terminal.id, 'ls\r')).kind).toBe('TERMINAL_EXITED');
  });

  it('runs a command terminal that ends with its command exit code', async () => {
    const ok = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: 'echo setting-up; true',
      purpose: 'setup',
    });
    const failing = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: 'echo broken >&2; exit 3',
    });
    expect(ok).toMatchObject({ purpose: 'setup', title: 'Setup' });
    expect(await service.waitForExit(ok.id)).toBe(0);
    expect(await service.waitForExit(failing.id)).toBe(3);
    const screen = await screenOf(ok.id);
    expect(screen).toContain('setting-up');
    expect(screen).toContain('[process exited with code 0]');
    expect(await screenOf(failing.id)).toContain('broken');
  });

  it('reports a kill as the end of the process with no exit code', async () => {
    const terminal = openShell();
    const exited = service.waitForExit(terminal.id);
    service.kill(terminal.id);
    expect(await exited).toBeNull();
    expect(service.get(terminal.id).status).toBe('exited');
    // SIGHUP ends the shell; on a loaded machine bash has been seen still exiting (its screen showed
    // readline's clean-up) when KILL_GRACE_MS ran out, and SIGKILL ended it. Either is a kill.
    expect(await screenOf(terminal.id)).toMatch(/\[process ended by SIG(HUP|KILL)\]/);
  });

  it('gives a second client the screen with earlier output, then only new output to each', async () => {
    const terminal = openShell();
    const first = new RecordingSubscriber('first');
    await service.attach(terminal.id, first);
    service.input(terminal.id, 'echo before-$((2*3))\r');
    await first.waitForText('before-6');
    const second = new RecordingSubscriber('second');
    const { screen } = await service.attach(terminal.id, second);
    expect(screen).toContain('before-6');
    service.input(terminal.id, 'echo after-$((2*4))\r');
    await first.waitForText('after-8');
    await second.waitForText('after-8');
    expect(second.text()).not.toContain('before-6');
  });

  it('loses and repeats nothing between the attach screen and the first frame during output', async () => {
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      // Pauses every 100 lines so the attach lands while output is still flowing.
      command: 'for i in $(seq 1 3000); do echo "line-$i"; [ $((i % 100)) = 0 ] && sleep 0.02; done; true',
    });
    const reader = new RecordingSubscriber('early');
    reader.autoAck((id, chars) => service.ack(id, reader, chars));
    // Attach while output is flowing: some lines are in the screen, the rest arrive as frames.
    await waitUntil(async () => (await screenOf(terminal.id)).includes('line-200'));
    const { screen } = await service.attach(terminal.id, reader);
    await service.waitForExit(terminal.id);
    await reader.waitForText('[process exited');
    // Rebuild what a client would show from screen + frames, and count each line once.
    const lines = (screen + reader.text()).match(/line-\d+/g) ?? [];
    const numbers = lines.map((l) => Number(l.slice(5)));
    expect(screen).toContain('line-200');
    expect(reader.text()).toContain('line-3000');
    // Lines scrolled out of the 30-row screen stay in the scrollback, so all 3000 appear exactly once.
    expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
  });

  it('coalesces many small writes into fewer frames', async () => {
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: 'sleep 0.2; for i in $(seq 1 60); do printf "w%d " $i; sleep 0.001; done',
    });
    const client = new RecordingSubscriber('client');
    await service.attach(terminal.id, client);
    await service.waitForExit(terminal.id);
    await client.waitForText('[process exited');
    const text = client.text();
    for (let i = 1; i <= 60; i += 1) expect(text).toContain(`w${i} `);
    // 60 writes a millisecond or more apart (far more on a loaded machine, so no fixed count holds;
    // a stalled host may even read them all at once into one frame). A frame goes at once after a
    // quiet spell and the rest wait for the 8 ms interval, so frames never outnumber two per interval
    // of the time they spread over: sending each write as it came would break that bound. The exact
    // batching is unit-tested with fake timers (test/unit/terminals-frame-coalescer.test.ts).
    const span = (client.frameTimes.at(-1) ?? 0) - (client.frameTimes[0] ?? 0);
    expect(client.frames.length).toBeLessThanOrEqual(2 * Math.floor(span / FRAME_INTERVAL_MS) + 2);
  });

  it('sends output only to attached clients and stops after detach', async () => {
    const terminal = openShell();
    const attached = new RecordingSubscriber('attached');
    const bystander = new RecordingSubscriber('bystander');
    await service.attach(terminal.id, attached);
    service.input(terminal.id, 'echo one-$((0+1))\r');
    await attached.waitForText('one-1');
    service.detach(terminal.id, attached);
    const charsAtDetach = attached.chars();
    service.input(terminal.id, 'echo two-$((1+1))\r');
    const watcher = new RecordingSubscriber('watcher');
    await service.attach(terminal.id, watcher);
    await waitUntil(async () => (await screenOf(terminal.id)).includes('two-2'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attached.chars()).toBe(charsAtDetach);
    expect(bystander.frames).toHaveLength(0);
    expect(publisher.published.map((n) => n.name)).not.toContain('terminal/data');
  });

  it('drops a client that closes', async () => {
    const terminal = openShell();
    const client = new RecordingSubscriber('closing');
    await service.attach(terminal.id, client);
    expect(Object.keys(service.stats(terminal.id).unacked)).toContain('closing');
    client.close();
    expect(Object.keys(service.stats(terminal.id).unacked)).not.toContain('closing');
  });

  it('restarts an ended terminal with a fresh shell below the old screen', async () => {
    const terminal = openShell();
    const client = new RecordingSubscriber('client');
    await service.attach(terminal.id, client);
    service.input(terminal.id, 'echo first-$((3*3)); exit 1\r');
    await service.waitForExit(terminal.id);
    const restarted = service.restart(terminal.id);
    expect(restarted).toMatchObject({ id: terminal.id, status: 'running', exitCode: null });
    service.input(terminal.id, 'echo second-$((5*5))\r');
    await client.waitForText('second-25');
    const screen = await screenOf(terminal.id);
    expect(screen.indexOf('first-9')).toBeGreaterThanOrEqual(0);
    expect(screen.indexOf('[process restarted]')).toBeGreaterThan(screen.indexOf('first-9'));
    expect(screen.indexOf('second-25')).toBeGreaterThan(screen.indexOf('[process restarted]'));
  });

  it('closes a terminal: process ended, row deleted, removal published', async () => {
    const terminal = openShell();
    const [pid] = service.stats(terminal.id).pids;
    expect(pid).toBeDefined();
    service.close(terminal.id);
    expect(caught(() => service.get(terminal.id)).kind).toBe('NOT_FOUND');
    expect(service.list(fixture.threadId)).toEqual([]);
    expect(fixture.db.prepare('SELECT COUNT(*) AS n FROM terminals').get()).toEqual({ n: 0 });
    expect(publisher.named('terminal/removed')).toEqual([
      { terminalId: terminal.id, threadId: fixture.threadId },
    ]);
    await waitUntil(() => !isProcessRunning(pid!), 5_000, 'the shell to end');
  });

  it('refuses unknown terminals, unknown threads and missing folders', async () => {
    expect(caught(() => service.input('nope', 'x')).kind).toBe('NOT_FOUND');
    await expect(service.attach('nope', new RecordingSubscriber('c'))).rejects.toMatchObject({
      kind: 'NOT_FOUND',
    });
    expect(caught(() => service.open({ threadId: 'no-such-thread', cwd: fixture.cwd })).kind).toBe(
      'NOT_FOUND',
    );
    expect(caught(() => service.open({ threadId: fixture.threadId, cwd: `${fixture.cwd}/gone` })).kind).toBe(
      'PATH_NOT_FOUND',
    );
    expect(fixture.db.prepare('SELECT COUNT(*) AS n FROM terminals').get()).toEqual({ n: 0 });
  });

  it('lists a thread terminals in creation order with numbered titles', () => {
    const a = openShell();
    const b = openShell();
    const other = service.open({ threadId: fixture.addThread(), cwd: fixture.cwd });
    expect(service.list(fixture.threadId).map((t) => [t.id, t.title])).toEqual([
      [a.id, 'Terminal 1'],
      [b.id, 'Terminal 2'],
    ]);
    expect(service.list(other.threadId).map((t) => t.id)).toEqual([other.id]);
  });

  it('leaves no process behind after dispose, even one that ignores SIGHUP', async () => {
    const shell = openShell();
    const client = new RecordingSubscriber('client');
    await service.attach(shell.id, client);
    service.input(shell.id, 'sleep 1000\r');
    const [shellPid] = service.stats(shell.id).pids;
    const sleeper = await waitUntil(() => childPids(shellPid!)[0], 5_000, 'the sleep child');
    const stubborn = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      command: "trap '' HUP; sleep 1000; true",
    });
    const [stubbornPid] = service.stats(stubborn.id).pids;
    const stubbornChild = await waitUntil(() => childPids(stubbornPid!)[0], 5_000, 'the stubborn child');
    const pids = [shellPid!, sleeper, stubbornPid!, stubbornChild];
    expect(pids.every(isProcessRunning)).toBe(true);
    await service.dispose();
    expect(pids.filter(isProcessRunning)).toEqual([]);
    expect(caught(() => service.open({ threadId: fixture.threadId, cwd: fixture.cwd })).kind).toBe(
      'INVALID_STATE',
    );
  });
});
