import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRpcClient } from '../../src-shared/contract';
import { createChildHostLauncher } from '../../src-main/electron/host-process';
import { createHostSupervisor, type HostSupervisor } from '../../src-main/electron/host-supervisor';
import { REPO_ROOT } from '../support/skein-cli-process';

/**
 * A tiny stand-in host: a real Node process speaking newline-delimited JSON-RPC. `test/info` answers
 * with its pid, `test/crash` makes it exit 3, and its behaviour at stop is set by argv.
 */
const FAKE_HOST = `
const mode = process.argv[2] ?? 'polite';
if (mode === 'stubborn') process.on('SIGTERM', () => {});
if (mode === 'dies-at-once') process.exit(1);
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\\n')) !== -1) {
    const message = JSON.parse(buffer.slice(0, newline));
    buffer = buffer.slice(newline + 1);
    if (message.method === 'test/crash') process.exit(3);
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { pid: process.pid } }) + '\\n');
  }
});
process.stdin.on('end', () => { if (mode !== 'stubborn') process.exit(0); });
setInterval(() => {}, 1000);
`;

let dir: string;
let script: string;
const supervisors: HostSupervisor[] = [];

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function supervise(mode: string, initialMs = 50): { supervisor: HostSupervisor; frames: string[] } {
  const supervisor = createHostSupervisor({
    launch: createChildHostLauncher({
      command: process.execPath,
      args: [script, mode],
      graces: { stopGraceMs: 300, termGraceMs: 300 },
    }),
    backoff: { initialMs, maxMs: 400, resetAfterMs: 60_000 },
  });
  supervisors.push(supervisor);
  const frames: string[] = [];
  supervisor.onFrame((text) => frames.push(text));
  return { supervisor, frames };
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pidAnswer(frames: string[], id: number): number | undefined {
  for (const text of frames) {
    const frame = JSON.parse(text) as { id?: number; result?: { pid: number } };
    if (frame.id === id && frame.result) return frame.result.pid;
  }
  return undefined;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'skein-supervisor-'));
  script = join(dir, 'fake-host.cjs');
  writeFileSync(script, FAKE_HOST);
});

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stop()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host supervisor', () => {
  it('relays frames, restarts a host that died, and tells the window', async () => {
    const { supervisor, frames } = supervise('polite');
    const restarts: string[] = [];
    supervisor.onRestarted((reason) => restarts.push(reason));
    supervisor.start();

    supervisor.send('{"jsonrpc":"2.0","id":1,"method":"test/info"}');
    const firstPid = await waitFor(() => pidAnswer(frames, 1));
    expect(firstPid).toBe(supervisor.pid);

    supervisor.send('{"jsonrpc":"2.0","id":2,"method":"test/crash"}');
    await waitFor(() => (restarts.length > 0 ? true : undefined));
    expect(restarts[0]).toMatch(/exited with code 3/);
    const notice = frames
      .map((text) => JSON.parse(text) as { method?: string; params?: { reason: string } })
      .find((frame) => frame.method === 'host/restarted');
    expect(notice?.params?.reason).toMatch(/exited with code 3/);

    supervisor.send('{"jsonrpc":"2.0","id":3,"method":"test/info"}');
    const secondPid = await waitFor(() => pidAnswer(frames, 3));
    expect(secondPid).not.toBe(firstPid);
    expect(isAlive(firstPid)).toBe(false);

    await supervisor.stop();
    expect(isAlive(secondPid)).toBe(false);
    expect(supervisor.pid).toBeUndefined();
  });

  it('answers requests at once with an error while no host runs', async () => {
    const { supervisor, frames } = supervise('dies-at-once', 60_000);
    supervisor.start();
    await waitFor(() => (supervisor.pid === undefined ? true : undefined));
    supervisor.send('{"jsonrpc":"2.0","id":7,"method":"host/info","params":{}}');
    supervisor.send('{"jsonrpc":"2.0","method":"terminal/ack","params":{}}');
    const answer = await waitFor(() => frames.find((text) => text.includes('"id":7')));
    expect(JSON.parse(answer)).toMatchObject({
      id: 7,
      error: { message: expect.stringMatching(/restarting/) as unknown },
    });
    expect(frames).toHaveLength(1);
  });

  it('stop escalates to SIGKILL for a host that ignores end of input and SIGTERM, leaving no child', async () => {
    const { supervisor, frames } = supervise('stubborn');
    supervisor.start();
    supervisor.send('{"jsonrpc":"2.0","id":1,"method":"test/info"}');
    const pid = await waitFor(() => pidAnswer(frames, 1));
    const started = Date.now();
    await supervisor.stop();
    expect(isAlive(pid)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('does not restart after stop', async () => {
    const { supervisor } = supervise('polite');
    const restarts: string[] = [];
    supervisor.onRestarted((reason) => restarts.push(reason));
    supervisor.start();
    const pid = await waitFor(() => supervisor.pid);
    await supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isAlive(pid)).toBe(false);
    expect(restarts).toEqual([]);
    expect(supervisor.pid).toBeUndefined();
  });

  it('drives the real host the way the desktop app does (skein host --stdio from source)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skein-supervised-host-'));
    try {
      const supervisor = createHostSupervisor({
        launch: createChildHostLauncher({
          command: process.execPath,
          args: [
            '--import',
            'tsx',
            join(REPO_ROOT, 'src-main', 'host', 'cli.ts'),
            'host',
            '--stdio',
            '--data',
            dataDir,
          ],
          cwd: REPO_ROOT,
          env: { ...process.env, SKEIN_LOG_LEVEL: 'warn' },
        }),
      });
      supervisors.push(supervisor);
      const restarts: string[] = [];
      supervisor.onRestarted((reason) => restarts.push(reason));
      supervisor.start();
      const pid = await waitFor(() => supervisor.pid);
      const client = createRpcClient({
        send: (text) => supervisor.send(text),
        onMessage: (listener) => supervisor.onFrame(listener),
        onClose: () => () => undefined,
        close: () => undefined,
      });
      await expect(client.api.host.info({})).resolves.toMatchObject({ dataDir });
      const started = Date.now();
      await supervisor.stop();
      // Closing stdin is enough: the host disposes and exits well before SIGTERM would be sent.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(isAlive(pid)).toBe(false);
      expect(restarts).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
