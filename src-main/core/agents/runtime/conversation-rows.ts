import type { AgentInputItem } from '@openai/agents';
import type { SqliteDatabase } from '../../store';

/** The conversation a thread's next model call starts from (already compacted), as the agent SDK's input items. */
export function createConversationRows(db: SqliteDatabase) {
  const get = db.prepare<[string], { history_json: string }>(
    'SELECT history_json FROM agent_conversations WHERE thread_id = ?',
  );
  const put = db.prepare(
    `INSERT INTO agent_conversations (thread_id, history_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(thread_id) DO UPDATE SET history_json = excluded.history_json, updated_at = excluded.updated_at`,
  );
  return {
    get(threadId: string): AgentInputItem[] {
      const row = get.get(threadId);
      return row ? (JSON.parse(row.history_json) as AgentInputItem[]) : [];
    },
    put(threadId: string, history: readonly AgentInputItem[]): void {
      put.run(threadId, JSON.stringify(history), Date.now());
    },
  };
}

export type ConversationRows = ReturnType<typeof createConversationRows>;
