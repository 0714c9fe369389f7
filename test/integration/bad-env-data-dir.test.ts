import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SCROLLBACK_SNAPSHOT_DELAY_MS } from '../../src-main/core/terminals/constants';
import { RpcError } from '../../src-shared/contract';
import {
  fillDatabase,
  folderFingerprint,
  integrityCheck,
  runSkeinUnprivileged,
} from '../support/bad-env-fixtures';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { createRepo, TempDirs } from '../support/git-repo';
import { startModelServer } from '../support/model-server';
import { startThreadsHost, type ThreadsTestHost } from '../support/threads-host';

/** The bundled CLI starts in 1-10 s on a busy 2-core machine; from source through tsx, far longer. */
const CLI_TIMEOUT_MS = 90_000;

const dirs = new TempDirs();
let open: ThreadsTestHost | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
  dirs.cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('a data folder Skein may not write to', () => {
  it(
    'refuses to start with one sentence naming the folder and what to do, and writes nothing there',
    async () => {
      // A data folder with a database in it, then read-only for the user the host runs as.
      const dataDir = dirs.make('skein-ro-data-');
      const first = await startThreadsHost(dataDir);
      const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
      await first.client.api.project.add({ path: repo.path });
      await first.close();
      chmodSync(dataDir, 0o555);
      const before = folderFingerprint(dataDir);

      const run = await runSkeinUnprivileged(['host', '--stdio', '--data', dataDir], CLI_TIMEOUT_MS);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `The host could not start: Skein cannot write to its data folder ${dataDir} (EACCES). Make that folder writable for this user, or start Skein with another data folder (--data DIR or SKEIN_DATA_DIR).`,
      );
      // One sentence, not a stack trace.
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(folderFingerprint(dataDir)).toEqual(before);

      // Writable again, the same data opens as it was.
      chmodSync(dataDir, 0o700);
      open = await startThreadsHost(dataDir);
      expect((await open.client.api.project.list({})).projects).toHaveLength(1);
    },
    2 * CLI_TIMEOUT_MS,
  );

  it(
    'says so for a data folder that cannot be created',
    async () => {
      const parent = dirs.make('skein-ro-parent-');
      chmodSync(parent, 0o555);
      const run = await runSkeinUnprivileged(['serve', '--data', `${parent}/data`], CLI_TIMEOUT_MS);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `skein serve: Skein cannot write to its data folder ${parent}/data (EACCES).`,
      );
      expect(folderFingerprint(parent)).toHaveLength(1);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('a full disk under the data folder', () => {
  it('fails the write with a clear error, keeps the host and the database sound, and works once space is freed', async () => {
    const dataDir = dirs.make('skein-full-data-');
    open = await startThreadsHost(dataDir);
    const { client } = open;
    const db = open.host.services.db;
    const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
    const project = await client.api.project.add({ path: repo.path });
    // About 100 KB: more than the free pages a young database keeps, so it needs new pages.
    const bigSettings = {
      setupFiles: Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(1000)}`),
    };

    const freeSpace = fillDatabase(db);
    const error = await rejection(
      client.api.project.update({ projectId: project.id, settings: bigSettings }),
    );
    expect(error.kind).toBe('DATA_DIR_UNWRITABLE');
    expect(error.message).toBe(
      `The disk holding ${dataDir} is full, so Skein could not save this change. Free some space on that disk and try again; what was saved before is intact.`,
    );
    // The host still answers, the failed write left nothing half-done, and the file is sound.
    const unchanged = (await client.api.project.list({})).projects.find((entry) => entry.id === project.id);
    expect(unchanged?.settings.setupFiles).toEqual([]);
    expect(integrityCheck(db)).toBe('ok');

    freeSpace();
    const saved = await client.api.project.update({ projectId: project.id, settings: bigSettings });
    expect(saved.settings.setupFiles).toHaveLength(100);
    expect(integrityCheck(db)).toBe('ok');
  });

  it('keeps terminals working when the data folder turns read-only under a running host', async () => {
    const dataDir = dirs.make('skein-full-term-');
    open = await startThreadsHost(dataDir);
    const { client } = open;
    const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
    const project = await client.api.project.add({ path: repo.path });
    await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const started = await client.api.thread.start({ projectId: project.id, title: 'Full disk' });
    const thread = await open.waitForStatus(started.id, 'ready');
    const terminal = await client.api.terminal.open({ threadId: thread.id });
    const exited = new Promise<number | null>((resolve) =>
      client.on('terminal/updated', ({ terminal: updated }) => {
        if (updated.id === terminal.id && updated.status === 'exited') resolve(updated.exitCode);
      }),
    );

    // What a disk remounted read-only does to SQLite, on the host's own connection: every write fails.
    const db = open.host.services.db;
    const savedScreen = () =>
      (db.prepare('SELECT scrollback FROM terminals WHERE id = ?').get(terminal.id) as { scrollback: string })
        .scrollback;
    db.pragma('query_only = ON');
    // A new terminal is a new row: refused with the sentence, nothing left running.
    const refused = await rejection(client.api.terminal.open({ threadId: thread.id }));
    expect(refused.kind).toBe('DATA_DIR_UNWRITABLE');
    expect(refused.message).toBe(
      `Skein cannot write to its data folder ${dataDir} (SQLITE_READONLY). Make that folder writable for this user, or start Skein with another data folder (--data DIR or SKEIN_DATA_DIR).`,
    );
    // The open one keeps working; its screen cannot be saved meanwhile (the save after quiet output fails).
    await client.api.terminal.input({ terminalId: terminal.id, data: 'echo during-$((6*7))\n' });
    await new Promise((resolve) => setTimeout(resolve, SCROLLBACK_SNAPSHOT_DELAY_MS + 1_000));
    expect(savedScreen()).not.toContain('during-42');

    // Writable again: the next save holds what was shown while it was not.
    db.pragma('query_only = OFF');
    await client.api.terminal.input({ terminalId: terminal.id, data: 'echo after-$((6*7))\n' });
    await expect.poll(savedScreen, { timeout: 15_000, interval: 250 }).toContain('after-42');
    expect(savedScreen()).toContain('during-42');

    // Ending a terminal is a status write: refused too, without bringing the host down.
    db.pragma('query_only = ON');
    await client.api.terminal.input({ terminalId: terminal.id, data: 'exit 3\n' });
    expect(await exited).toBe(3);
    expect(integrityCheck(db)).toBe('ok');

    db.pragma('query_only = OFF');
    const again = await client.api.terminal.open({ threadId: thread.id });
    expect(again.status).toBe('running');
    expect((await client.api.thread.get({ threadId: thread.id })).status).toBe('ready');
  });
});

describe('an agent turn when the data folder stops taking writes', () => {
  it('keeps the host up and the database sound, and the thread takes a new turn once writes work', async () => {
    const model = await startModelServer();
    let agentHost: AgentTestHost | null = null;
    try {
      const dataDir = dirs.make('skein-full-turn-');
      agentHost = await AgentTestHost.start(dataDir, agentEnv(model, dirs));
      const { thread } = await createAgentThread(agentHost, dirs);
      const db = agentHost.host.services.db;
      // Slow enough that writes stop while the answer streams in.
      model.script([{ text: ['one ', 'two ', 'three ', 'four'], chunkDelayMs: 400 }]);
      const { turn: cut } = await agentHost.client.api.turn.start({
        threadId: thread.id,
        message: 'stream slowly',
      });
      await agentHost.waitFor(() => agentHost!.itemsStarted('agent_message')[0], 'the answer to start');
      db.pragma('query_only = ON');
      // The stream ends while nothing can be written: the turn's end cannot be recorded either.
      await agentHost.host.services.agents.idle();
      db.pragma('query_only = OFF');
      expect(integrityCheck(db)).toBe('ok');

      model.script([{ text: ['back'] }]);
      // The cut turn ended failed (bad-env-turn-writes.test.ts shows how); the new one runs.
      expect((await agentHost.turnCompleted(thread.id)).status).toBe('failed');
      await agentHost.client.api.turn.start({ threadId: thread.id, message: 'again' });
      const next = await agentHost.turnCompleted(thread.id, 2);
      expect(next.status).toBe('completed');
      const { turns } = await agentHost.transcript(thread.id);
      expect(turns.map((turn) => turn.id)).toEqual([cut.id, next.id]);
    } finally {
      await agentHost?.close();
      await model.close();
    }
  });
});
