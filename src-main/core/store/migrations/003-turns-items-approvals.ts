import type { Migration } from '../migration';

/**
 * The built-in agent's transcript and approvals. Provider keys are never stored here: they come
 * from environment variables or the host's 0600 key file.
 */
export const migration003: Migration = {
  version: 3,
  name: 'turns, items, approvals and agent settings',
  sql: `
    CREATE TABLE turns (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      status TEXT NOT NULL,
      provider TEXT NOT NULL,
      model TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      completed_at INTEGER,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cached_tokens INTEGER NOT NULL DEFAULT 0,
      reasoning_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL,
      error TEXT,
      continues_turn_id TEXT,
      -- The agent SDK's serialized run state while the turn waits for an approval (resumable after a restart).
      run_state TEXT,
      -- Skein's own resume data next to it (compaction applied so far).
      runtime_json TEXT
    );
    CREATE UNIQUE INDEX turns_by_thread ON turns(thread_id, seq);
    CREATE INDEX turns_by_status ON turns(status) WHERE status IN ('running', 'waiting_approval');

    CREATE TABLE items (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      -- The model's tool call id, for items that stand for a tool call.
      call_id TEXT,
      started_at INTEGER NOT NULL,
      completed_at INTEGER,
      input_tokens INTEGER,
      output_tokens INTEGER,
      cost_usd REAL,
      data_json TEXT NOT NULL
    );
    CREATE UNIQUE INDEX items_by_thread ON items(thread_id, seq);
    CREATE INDEX items_by_turn ON items(turn_id, seq);

    -- The conversation as the model sees it next (compacted), checkpointed while a turn runs.
    CREATE TABLE agent_conversations (
      thread_id TEXT PRIMARY KEY REFERENCES threads(id) ON DELETE CASCADE,
      history_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE approvals (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      turn_id TEXT NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
      item_id TEXT,
      call_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      tool TEXT NOT NULL,
      request_json TEXT NOT NULL,
      status TEXT NOT NULL,
      decision TEXT,
      created_at INTEGER NOT NULL,
      resolved_at INTEGER
    );
    CREATE INDEX approvals_pending ON approvals(status, created_at);
    CREATE INDEX approvals_by_turn ON approvals(turn_id);

    CREATE TABLE approval_rules (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      prefix_json TEXT NOT NULL,
      thread_id TEXT REFERENCES threads(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL
    );

    -- Provider, model and policy per layer: scope 'user' (scope_id ''), 'project' or 'thread'. No secrets.
    CREATE TABLE agent_settings (
      scope TEXT NOT NULL,
      scope_id TEXT NOT NULL,
      settings_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (scope, scope_id)
    );
  `,
};
