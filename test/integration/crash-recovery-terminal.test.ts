import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../src-shared/contract';
import {
  CRASH_LOOPS,
  runCrashLoop,
  CRASH_SEED,
  countInto,
  isAlive,
  prepareHostCommand,
  processesWith,
  readStore,
  seededRandom,
  storeIntegrity,
  superviseHost,
  waitUntil,
  type HostCommand,
  type SupervisedHost,
} from '../support/crash-fixtures';
import { CrashUi, readyThread } from '../support/crash-ui';
import { TempDirs } from '../support/git-repo';

/**
 * SIGKILL the host while a terminal floods (`yes`): after the restart the store is intact, the
 * terminal's saved screen (last persisted before the flood) reads back with its marker, the flood's
 * process was hung up with the host, and a new terminal works.
 */

const dirs = new TempDirs();
const random = seededRandom(CRASH_SEED + 1);
/** The flood runs this long at most before the kill (random below it): well inside the 30 s save cap. */
const MAX_FLOOD_MS = 1_500;

let command: HostCommand;
let host: SupervisedHost;
let ui: CrashUi;
let dataDir: string;

beforeAll(async () => {
  command = await prepareHostCommand();
  dataDir = dirs.make('skein-crash-terminal-data-');
  host = superviseHost(command, dataDir, {
    ...process.env,
    SHELL: '/bin/bash',
    HOME: dirs.make('skein-crash-home-'),
  });
  ui = new CrashUi(host.supervisor);
  await ui.connected();
});

afterAll(async () => {
  ui?.stop();
  await host?.stop();
  command?.dispose();
  dirs.cleanup();
});

function savedScreen(terminalId: string): string {
  return readStore(dataDir, (db) => {
    const row = db.prepare('SELECT scrollback FROM terminals WHERE id = ?').get(terminalId) as
      { scrollback: string } | undefined;
    return row?.scrollback ?? '';
  });
}

async function openAttached(client: RpcClient, threadId: string): Promise<string> {
  const terminal = await client.api.terminal.open({ threadId, cols: 120, rows: 30 });
  await client.api.terminal.attach({ terminalId: terminal.id });
  return terminal.id;
}

describe('SIGKILL during a terminal flood', () => {
  it(
    `keeps the saved screen readable, hangs up the flood, and opens new terminals (${CRASH_LOOPS}x)`,
    async () => {
      let client = ui.client();
      const thread = await readyThread(client, dirs);
      await runCrashLoop('terminal-flood', async (figures, iteration) => {
        const token = randomUUID().slice(0, 8);
        const marker = `MARK-${iteration}-${token}`;
        const flood = `FLOOD-${token}`;
        const terminalId = await openAttached(client, thread.id);
        client.api.terminal.input({ terminalId, data: `echo ${marker}\r` }).catch(() => undefined);
        // Saved once the output has been quiet for 2 s (SCROLLBACK_SNAPSHOT_DELAY_MS).
        await waitUntil(
          () => (savedScreen(terminalId).includes(marker) ? true : undefined),
          'the marker to be saved',
          30_000,
          200,
        );
        await client.api.terminal.input({ terminalId, data: `yes ${flood}\r` });
        await waitUntil(
          () => ((ui.terminalData.get(terminalId) ?? '').split(flood).length > 50 ? true : undefined),
          'the flood to reach the window',
        );
        const floodMs = random.int(0, MAX_FLOOD_MS);
        await new Promise((resolve) => setTimeout(resolve, floodMs));
        const oldPid = host.kill();
        const killedAt = performance.now();
        countInto(
          figures.killPoints,
          floodMs < MAX_FLOOD_MS / 2 ? 'early in the flood' : 'late in the flood',
        );

        client = await ui.connected(client);
        figures.restartMs.push(performance.now() - killedAt);
        expect(isAlive(oldPid)).toBe(false);
        expect(host.restarts.at(-1)?.reason).toMatch(/killed by SIGKILL/);
        expect(host.supervisor.pid).not.toBe(oldPid);
        expect(storeIntegrity(dataDir)).toBe('ok');
        // The PTY's hangup ends the shell and its flood; nothing keeps printing into the void.
        await waitUntil(
          () => (processesWith(flood).length === 0 ? true : undefined),
          'the flood to be hung up',
          10_000,
        );

        const { terminals } = await client.api.terminal.list({ threadId: thread.id });
        expect(terminals.find((terminal) => terminal.id === terminalId)?.status).toBe('exited');
        const { screen } = await client.api.terminal.attach({ terminalId });
        expect(screen).toContain(marker);
        countInto(figures.checked, 'screenChars', screen.length);

        const fresh = await openAttached(client, thread.id);
        await client.api.terminal.input({ terminalId: fresh, data: `echo NEW-$((40+2))-${token}\r` });
        await waitUntil(
          () => ((ui.terminalData.get(fresh) ?? '').includes(`NEW-42-${token}`) ? true : undefined),
          'the new terminal to answer',
        );
        await client.api.terminal.close({ terminalId: fresh });
        await client.api.terminal.close({ terminalId });
        countInto(figures.checked, 'terminals', 2);
      });
    },
    120_000 + CRASH_LOOPS * 60_000,
  );
});
