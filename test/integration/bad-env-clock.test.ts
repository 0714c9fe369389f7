import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/store';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { runSkeinAtFakeTime } from '../support/bad-env-fixtures';
import { parseEvents } from '../support/exec-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';

/** The bundled CLI starts in 1-10 s on a busy 2-core machine; from source through tsx, far longer. */
const CLI_TIMEOUT_MS = 120_000;
const DAY_MS = 24 * 60 * 60 * 1000;

const dirs = new TempDirs();
let model: ModelServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  model = await startModelServer();
  env = { ...agentEnv(model, dirs), GIT_CONFIG_GLOBAL: '/dev/null' };
});
afterAll(async () => {
  await model?.close();
  dirs.cleanup();
});

describe('clock skew between runs', () => {
  it(
    'keeps transcripts in order and durations non-negative when the host comes back a year early, then a day late',
    async () => {
      // At the real time: a thread with one finished turn, and a second turn a crash cut off.
      const dataDir = dirs.make('skein-clock-data-');
      const first = await AgentTestHost.start(dataDir, env);
      const { repo, thread } = await createAgentThread(first, dirs);
      model.script([{ text: ['first answer'] }]);
      await first.client.api.turn.start({ threadId: thread.id, message: 'first' });
      await first.turnCompleted(thread.id);
      model.script([{ text: ['second answer'] }]);
      const { turn: cut } = await first.client.api.turn.start({ threadId: thread.id, message: 'second' });
      await first.turnCompleted(thread.id, 2);
      await first.close();
      // As a SIGKILL mid-turn leaves it: still running, its answer still open.
      const db = openDatabase(`${dataDir}/skein.db`);
      db.prepare("UPDATE turns SET status = 'running', completed_at = NULL WHERE id = ?").run(cut.id);
      db.prepare(
        "UPDATE items SET status = 'in_progress', completed_at = NULL WHERE turn_id = ? AND kind = 'agent_message'",
      ).run(cut.id);
      db.close();

      // A year early: the crashed turn is closed, and a new turn in the same thread works.
      model.script([{ text: ['third answer'] }]);
      const early = await runSkeinAtFakeTime(
        '-1y',
        ['exec', 'resume', thread.id, '--data', dataDir, '--json', 'third'],
        env,
        CLI_TIMEOUT_MS,
      );
      expect(early.code, early.stderr).toBe(0);
      // A day late: a new thread works.
      model.script([{ text: ['fourth answer'] }]);
      const late = await runSkeinAtFakeTime(
        '+1d',
        ['exec', '--repo', repo.path, '--data', dataDir, '--json', 'fourth'],
        env,
        CLI_TIMEOUT_MS,
      );
      expect(late.code, late.stderr).toBe(0);
      const lateThreadId = String(parseEvents(late.stdout)[0]?.thread_id);

      // Back at the real time: what each run wrote, in the order it happened.
      const now = await AgentTestHost.start(dataDir, env);
      try {
        const { turns, items } = await now.transcript(thread.id);
        expect(turns.map((turn) => [turn.seq, turn.status])).toEqual([
          [1, 'completed'],
          [2, 'interrupted'],
          [3, 'completed'],
        ]);
        expect(items.flatMap((item) => (item.kind === 'user_message' ? [item.text] : []))).toEqual([
          'first',
          'second',
          'third',
        ]);
        // The clock really moved: the third turn started about a year before the second.
        expect(turns[1]!.startedAt - turns[2]!.startedAt).toBeGreaterThan(360 * DAY_MS);
        for (const entry of [...turns, ...items]) {
          expect(entry.completedAt, `${entry.id} ended`).not.toBeNull();
          expect(entry.completedAt! - entry.startedAt, `duration of ${entry.id}`).toBeGreaterThanOrEqual(0);
        }
        const trace = await now.client.api.trace.thread({ threadId: thread.id });
        expect(trace.turns.map((entry) => entry.turn.id)).toEqual(turns.map((turn) => turn.id));
        for (const span of trace.turns.flatMap((entry) => [entry.turn, ...entry.spans])) {
          if (span.endedAt !== null)
            expect(span.endedAt - span.startedAt, span.name).toBeGreaterThanOrEqual(0);
        }

        const lateThread = await now.transcript(lateThreadId);
        expect(lateThread.turns[0]!.startedAt - Date.now()).toBeGreaterThan(DAY_MS / 2);
        // New work at the real time, after all of that.
        model.script([{ text: ['fifth answer'] }]);
        await now.client.api.turn.start({ threadId: thread.id, message: 'fifth' });
        const fifth = await now.turnCompleted(thread.id);
        expect(fifth.seq).toBe(4);
      } finally {
        await now.close();
      }
    },
    3 * CLI_TIMEOUT_MS,
  );
});
