import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAgentsFiles } from '../../src-main/core/agents';
import { currentSchemaVersion, openDatabase } from '../../src-main/core/store';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer } from '../support/model-server';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('agent context', () => {
  it('collects AGENTS.md from the repository root down to the working folder, outermost first', async () => {
    const root = dirs.make('skein-agents-md-');
    mkdirSync(join(root, 'packages', 'web'), { recursive: true });
    writeFileSync(join(root, 'AGENTS.md'), 'Use pnpm.\n');
    writeFileSync(join(root, 'packages', 'web', 'AGENTS.md'), 'Run vitest here.\n');
    expect(await collectAgentsFiles(root, join(root, 'packages', 'web'))).toEqual([
      { path: 'AGENTS.md', text: 'Use pnpm.' },
      { path: 'packages/web/AGENTS.md', text: 'Run vitest here.' },
    ]);
    expect(await collectAgentsFiles(root)).toEqual([{ path: 'AGENTS.md', text: 'Use pnpm.' }]);
  });

  it("puts the project's AGENTS.md and the safety rules into the model's instructions", async () => {
    const server = await startModelServer();
    const test = await AgentTestHost.start(dirs.make('skein-agent-data-'), agentEnv(server, dirs));
    try {
      const { thread } = await createAgentThread(test, dirs, { 'AGENTS.md': 'Always answer in haiku.\n' });
      server.script([{ text: 'Five seven five.' }]);
      await test.client.api.turn.start({ threadId: thread.id, message: 'Hi', provider: 'openai-chat' });
      await test.turnCompleted(thread.id);
      const system = server.requests[0]?.messages[0];
      expect(system?.role).toBe('system');
      expect(system?.text).toContain('Instructions from AGENTS.md');
      expect(system?.text).toContain('Always answer in haiku.');
      expect(system?.text).toContain('Approval policy on-request');
      expect(system?.text).toContain(`Worktree: ${thread.worktreePath}`);
    } finally {
      await test.close();
      await server.close();
    }
  });
});

describe('store migration 003', () => {
  it('migrates a version-2 database forward and keeps its threads', () => {
    const file = join(dirs.make('skein-store-'), 'skein.db');
    const old = openDatabase(file, { targetVersion: 2 });
    old
      .prepare(
        `INSERT INTO projects (id, path, name, default_base, created_at) VALUES ('p1', '/repo', 'repo', 'main', 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, status, created_at, updated_at)
         VALUES ('t1', 'p1', 'Fix', 'fix', 'skein/fix', 'main', 'abc', '/wt', 'ready', 1, 1)`,
      )
      .run();
    expect(() => old.prepare('SELECT * FROM turns').all()).toThrow(/no such table/);
    old.close();

    const db: Database.Database = openDatabase(file);
    try {
      expect(currentSchemaVersion(db)).toBeGreaterThanOrEqual(3);
      db.prepare(
        `INSERT INTO turns (id, thread_id, seq, status, provider, model, started_at) VALUES ('u1', 't1', 1, 'running', 'openai', 'm', 1)`,
      ).run();
      db.prepare(
        `INSERT INTO items (id, thread_id, turn_id, seq, kind, status, started_at, data_json) VALUES ('i1', 't1', 'u1', 1, 'user_message', 'completed', 1, '{}')`,
      ).run();
      expect(db.prepare('SELECT title FROM threads WHERE id = ?').get('t1')).toEqual({ title: 'Fix' });
      expect(() =>
        db
          .prepare(
            `INSERT INTO items (id, thread_id, turn_id, seq, kind, status, started_at, data_json) VALUES ('i2', 't1', 'nope', 2, 'x', 'x', 1, '{}')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
