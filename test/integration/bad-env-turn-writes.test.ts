import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../src-main/core/store';
import type { Item, Turn } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { fillDatabase, integrityCheck } from '../support/bad-env-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer, type ScriptedReply } from '../support/model-server';

/** How long a test waits for the host to store what it kept once writes work again (it retries about every second). */
const RECOVERY_TIMEOUT_MS = 15_000;
/** Chunks this big make the finished answer need new pages (overflow pages), which a full disk cannot give. */
const BIG_CHUNK = 'x'.repeat(4_000);

const dirs = new TempDirs();
let model: ModelServer;
let test: AgentTestHost;
let dataDir: string;

beforeEach(async () => {
  model = await startModelServer();
  dataDir = dirs.make('skein-turn-writes-');
  test = await AgentTestHost.start(dataDir, agentEnv(model, dirs));
});
afterEach(async () => {
  await test.close();
  await model.close();
  dirs.cleanup();
});

/** A slow, long answer, then a command that must never run once the turn stopped. */
function answerThenCommand(marker: string): ScriptedReply {
  return {
    text: Array.from({ length: 8 }, () => BIG_CHUNK),
    chunkDelayMs: 120,
    toolCalls: [{ id: 'call_touch', name: 'shell', arguments: { command: `touch ${marker}` } }],
  };
}

const modelCalls = () =>
  model.requests.filter((request) => ['responses', 'chat', 'anthropic'].includes(request.api)).length;

function storedTurnStatus(db: SqliteDatabase, turnId: string): string | undefined {
  return (db.prepare('SELECT status FROM turns WHERE id = ?').get(turnId) as { status: string } | undefined)
    ?.status;
}

function storedItems(db: SqliteDatabase, turnId: string): { kind: string; status: string; data: string }[] {
  return db
    .prepare('SELECT kind, status, data_json AS data FROM items WHERE turn_id = ? ORDER BY seq')
    .all(turnId) as { kind: string; status: string; data: string }[];
}

/** Each item of the turn as clients last heard of it (kind, status), in transcript order. */
function toldItems(turnId: string): [string, string][] {
  const last = new Map<string, Item>();
  for (const name of ['item/started', 'item/completed'] as const) {
    for (const { item } of test.of(name))
      if (item.turnId === turnId && (name === 'item/completed' || !last.has(item.id)))
        last.set(item.id, item);
  }
  return [...last.values()].sort((a, b) => a.seq - b.seq).map((item) => [item.kind, item.status]);
}

function errorItems(turnId: string): Item[] {
  return test
    .of('item/completed')
    .map((entry) => entry.item)
    .filter((item) => item.turnId === turnId && item.kind === 'error');
}

async function startSlowTurn(threadId: string, marker: string): Promise<Turn> {
  model.script([answerThenCommand(marker)]);
  const { turn } = await test.client.api.turn.start({ threadId, message: 'write a lot' });
  await test.waitFor(
    () => test.itemsStarted('agent_message').find((item) => item.turnId === turn.id),
    'the answer to start',
  );
  return turn;
}

async function newTurnWorks(threadId: string, first: Turn): Promise<void> {
  model.script([{ text: 'back' }]);
  await test.client.api.turn.start({ threadId, message: 'again' });
  const next = await test.turnCompleted(threadId, 2);
  expect(next.status).toBe('completed');
  const { turns } = await test.transcript(threadId);
  expect(turns.map((turn) => [turn.id, turn.status])).toEqual([
    [first.id, 'failed'],
    [next.id, 'completed'],
  ]);
  expect((await test.client.api.thread.get({ threadId })).status).toBe('done');
}

describe('an agent turn whose writes fail midway', () => {
  it('stops at a full disk, tells clients it failed with the sentence, and stores its end once space is freed', async () => {
    const { thread } = await createAgentThread(test, dirs);
    const db = test.host.services.db;
    const sentence = `The disk holding ${dataDir} is full, so Skein could not save this change. Free some space on that disk and try again; what was saved before is intact.`;
    const turn = await startSlowTurn(thread.id, 'ran-after-full.txt');
    const freeSpace = fillDatabase(db);

    const ended = await test.turnCompleted(thread.id);
    expect(ended).toMatchObject({ id: turn.id, status: 'failed', error: sentence });
    expect(errorItems(turn.id)).toEqual([expect.objectContaining({ message: sentence, status: 'failed' })]);
    expect(test.of('thread/updated').at(-1)?.thread).toMatchObject({ id: thread.id, status: 'error' });
    // It stopped: the command after the answer never ran and the model was not asked again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(join(thread.worktreePath, 'ran-after-full.txt'))).toBe(false);
    expect(modelCalls()).toBe(1);
    // While the disk is still full, a client that reloads is not told the turn runs.
    const during = await test.transcript(thread.id);
    expect(during.turns.find((entry) => entry.id === turn.id)?.status).toBe('failed');

    // Space again: what the clients were told reaches the database without a restart (no read needed).
    freeSpace();
    await expect
      .poll(() => storedItems(db, turn.id).map((item) => [item.kind, item.status]), {
        timeout: RECOVERY_TIMEOUT_MS,
        interval: 200,
      })
      .toEqual(toldItems(turn.id));
    expect(toldItems(turn.id)).toEqual([
      ['user_message', 'completed'],
      ['agent_message', 'completed'],
      ['error', 'failed'],
    ]);
    expect(storedTurnStatus(db, turn.id)).toBe('failed');
    expect(storedItems(db, turn.id)[1]?.data).toContain(BIG_CHUNK.repeat(8));
    expect(integrityCheck(db)).toBe('ok');

    await newTurnWorks(thread.id, turn);
    expect(integrityCheck(db)).toBe('ok');
  });

  it('stops when the data folder turns read-only, and stores its end once it is writable again', async () => {
    const { thread } = await createAgentThread(test, dirs);
    const db = test.host.services.db;
    const sentence = `Skein cannot write to its data folder ${dataDir} (SQLITE_READONLY). Make that folder writable for this user, or start Skein with another data folder (--data DIR or SKEIN_DATA_DIR).`;
    const turn = await startSlowTurn(thread.id, 'ran-after-read-only.txt');
    // What a disk remounted read-only does to SQLite, on the host's own connection: every write fails.
    db.pragma('query_only = ON');

    const ended = await test.turnCompleted(thread.id);
    expect(ended).toMatchObject({ id: turn.id, status: 'failed', error: sentence });
    expect(errorItems(turn.id)).toEqual([expect.objectContaining({ message: sentence })]);
    expect(test.of('thread/updated').at(-1)?.thread).toMatchObject({ id: thread.id, status: 'error' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(join(thread.worktreePath, 'ran-after-read-only.txt'))).toBe(false);
    // Nothing could be stored: the row still says running, but clients are told what happened.
    expect(storedTurnStatus(db, turn.id)).toBe('running');
    const during = await test.transcript(thread.id);
    expect(during.turns.find((entry) => entry.id === turn.id)?.status).toBe('failed');
    // A new turn is refused with the same sentence while nothing can be written.
    await expect(test.client.api.turn.start({ threadId: thread.id, message: 'too soon' })).rejects.toThrow(
      sentence,
    );

    db.pragma('query_only = OFF');
    await expect
      .poll(() => storedTurnStatus(db, turn.id), { timeout: RECOVERY_TIMEOUT_MS, interval: 200 })
      .toBe('failed');
    expect(storedItems(db, turn.id).every((item) => item.status !== 'in_progress')).toBe(true);
    // Whichever write was refused first, every item ended as clients were told, the error last.
    expect(storedItems(db, turn.id).map((item) => [item.kind, item.status])).toEqual(toldItems(turn.id));
    expect(toldItems(turn.id).at(-1)).toEqual(['error', 'failed']);
    expect((await test.client.api.thread.get({ threadId: thread.id })).status).toBe('error');
    expect(integrityCheck(db)).toBe('ok');

    await newTurnWorks(thread.id, turn);
  });
});
