import {
  agentSettingsSchema,
  type AgentSettings,
  type AgentSettingsPatch,
} from '../../../../src-shared/contract';
import type { SqliteDatabase } from '../../store';

export type SettingsScope = 'user' | 'project' | 'thread';

/**
 * The agent settings layers. No secrets: keys live in the key store or the environment, and MCP
 * servers' env and header values are references to named secrets (mcp-secrets.ts).
 */
export function createSettingsRows(db: SqliteDatabase) {
  const get = db.prepare<[string, string], { settings_json: string }>(
    'SELECT settings_json FROM agent_settings WHERE scope = ? AND scope_id = ?',
  );
  const put = db.prepare(
    `INSERT INTO agent_settings (scope, scope_id, settings_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(scope, scope_id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
  );

  const read = (scope: SettingsScope, scopeId: string): AgentSettings | null => {
    const row = get.get(scope, scopeId);
    if (!row) return null;
    // A stored layer that no longer parses (an older shape) is ignored rather than blocking every turn.
    const parsed = agentSettingsSchema.safeParse(JSON.parse(row.settings_json));
    return parsed.success ? parsed.data : null;
  };

  const all = db.prepare<[], { scope: SettingsScope; scope_id: string }>(
    "SELECT scope, scope_id FROM agent_settings WHERE scope IN ('user', 'project')",
  );
  const remove = db.prepare('DELETE FROM agent_settings WHERE scope = ? AND scope_id = ?');

  return {
    read,
    /** The user and project layers there are (the ones that may hold MCP servers). */
    layers: () => all.all(),
    remove(scope: SettingsScope, scopeId: string): void {
      remove.run(scope, scopeId);
    },
    patch(scope: SettingsScope, scopeId: string, patch: AgentSettingsPatch): AgentSettings {
      const next: Record<string, unknown> = { ...(read(scope, scopeId) ?? {}) };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete next[key];
        else if (value !== undefined) next[key] = value;
      }
      const settings = agentSettingsSchema.parse(next);
      put.run(scope, scopeId, JSON.stringify(settings), Date.now());
      return settings;
    },
  };
}

export type SettingsRows = ReturnType<typeof createSettingsRows>;
