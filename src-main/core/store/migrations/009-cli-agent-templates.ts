import type { Migration } from '../migration';

/**
 * The user's own command templates for CLI agents in terminals (all projects). `args_json` is a JSON
 * array of strings; `{prompt}` / `{promptFile}` are whole arguments.
 */
export const migration009: Migration = {
  version: 9,
  name: 'cli agent templates',
  sql: `
    CREATE TABLE cli_agent_templates (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      executable TEXT NOT NULL,
      args_json TEXT NOT NULL,
      prompt_delivery TEXT NOT NULL CHECK (prompt_delivery IN ('argument', 'stdin', 'file')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
};
