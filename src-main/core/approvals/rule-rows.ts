import { randomUUID } from 'node:crypto';
import type { ApprovalRule } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';
import type { CommandRules } from './decide';

interface RuleRow {
  id: string;
  kind: string;
  prefix_json: string;
  thread_id: string | null;
  created_at: number;
}

function toRule(row: RuleRow): ApprovalRule {
  return {
    id: row.id,
    kind: row.kind as ApprovalRule['kind'],
    prefix: JSON.parse(row.prefix_json) as string[],
    threadId: row.thread_id,
    createdAt: row.created_at,
  };
}

/**
 * Stored answers that spare the user the same question again: `command_prefix` (every thread,
 * editable in settings), `thread_command` (one exact command in one thread), `thread_patches`,
 * `tool` (one MCP tool, in one thread or every thread).
 */
export function createRuleRows(db: SqliteDatabase) {
  const insert = db.prepare(
    'INSERT INTO approval_rules (id, kind, prefix_json, thread_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const all = db.prepare<[], RuleRow>('SELECT * FROM approval_rules ORDER BY created_at, rowid');
  const forThread = db.prepare<[string], RuleRow>(
    'SELECT * FROM approval_rules WHERE thread_id IS NULL OR thread_id = ? ORDER BY created_at, rowid',
  );
  const remove = db.prepare('DELETE FROM approval_rules WHERE id = ?');
  const existing = db.prepare<[string, string, string | null], { id: string }>(
    'SELECT id FROM approval_rules WHERE kind = ? AND prefix_json = ? AND thread_id IS ?',
  );

  return {
    add(kind: ApprovalRule['kind'], prefix: string[], threadId: string | null): ApprovalRule {
      const prefixJson = JSON.stringify(prefix);
      const found = existing.get(kind, prefixJson, threadId);
      const id = found?.id ?? randomUUID();
      if (!found) insert.run(id, kind, prefixJson, threadId, Date.now());
      return toRule(all.all().find((row) => row.id === id) as RuleRow);
    },
    list(threadId?: string): ApprovalRule[] {
      return (threadId ? forThread.all(threadId) : all.all()).map(toRule);
    },
    remove(id: string): boolean {
      return remove.run(id).changes === 1;
    },
    commandRules(threadId: string): CommandRules {
      const rules = forThread.all(threadId).map(toRule);
      return {
        prefixes: rules.filter((rule) => rule.kind === 'command_prefix').map((rule) => rule.prefix),
        exactCommands: new Set(
          rules.filter((rule) => rule.kind === 'thread_command').map((rule) => rule.prefix.join(' ')),
        ),
      };
    },
    /** A `tool` rule of this thread or of every thread allows `key` (`mcp:<server>:<tool>`). */
    toolAllowed(threadId: string, key: string): boolean {
      return forThread
        .all(threadId)
        .some((rule) => rule.kind === 'tool' && (JSON.parse(rule.prefix_json) as string[])[0] === key);
    },
    patchesAllowed(threadId: string): boolean {
      return forThread
        .all(threadId)
        .some((rule) => rule.kind === 'thread_patches' && rule.thread_id === threadId);
    },
  };
}

export type RuleRows = ReturnType<typeof createRuleRows>;
