import { randomUUID } from 'node:crypto';
import {
  SkeinError,
  type CliAgentPromptDelivery,
  type CliAgentTemplate,
  type CliAgentTemplateInput,
} from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

interface TemplateRow {
  id: string;
  name: string;
  executable: string;
  args_json: string;
  prompt_delivery: string;
  created_at: number;
  updated_at: number;
}

function toDelivery(value: string): CliAgentPromptDelivery {
  return value === 'stdin' || value === 'file' ? value : 'argument';
}

function toTemplate(row: TemplateRow): CliAgentTemplate {
  const parsed: unknown = JSON.parse(row.args_json);
  const args = Array.isArray(parsed) ? parsed.filter((arg): arg is string => typeof arg === 'string') : [];
  return {
    id: row.id,
    name: row.name,
    executable: row.executable,
    args,
    promptDelivery: toDelivery(row.prompt_delivery),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function isUniqueError(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The `cli_agent_templates` table. */
export interface TemplateStore {
  all(): CliAgentTemplate[];
  get(id: string): CliAgentTemplate;
  save(input: CliAgentTemplateInput & { id?: string; name: string }): CliAgentTemplate;
  remove(id: string): void;
}

export function createTemplateStore(db: SqliteDatabase): TemplateStore {
  const all = db.prepare<[], TemplateRow>('SELECT * FROM cli_agent_templates ORDER BY name COLLATE NOCASE');
  const get = db.prepare<[string], TemplateRow>('SELECT * FROM cli_agent_templates WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO cli_agent_templates (id, name, executable, args_json, prompt_delivery, created_at, updated_at)
     VALUES (@id, @name, @executable, @argsJson, @promptDelivery, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE cli_agent_templates SET name = @name, executable = @executable, args_json = @argsJson,
       prompt_delivery = @promptDelivery, updated_at = @now WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM cli_agent_templates WHERE id = ?');

  function find(id: string): CliAgentTemplate {
    const row = get.get(id);
    if (!row)
      throw new SkeinError('NOT_FOUND', `There is no saved agent template ${id}; it may have been removed.`, {
        templateId: id,
      });
    return toTemplate(row);
  }

  return {
    all: () => all.all().map(toTemplate),
    get: find,
    save(input) {
      const values = {
        id: input.id ?? randomUUID(),
        name: input.name.trim(),
        executable: input.executable.trim(),
        argsJson: JSON.stringify(input.args),
        promptDelivery: input.promptDelivery,
        now: Date.now(),
      };
      try {
        if (input.id === undefined) insert.run(values);
        else if (update.run(values).changes === 0) find(input.id);
      } catch (error) {
        if (isUniqueError(error))
          throw new SkeinError(
            'INVALID_PARAMS',
            `A template named "${values.name}" exists already; choose another name.`,
          );
        throw error;
      }
      return find(values.id);
    },
    remove(id) {
      if (remove.run(id).changes === 0) find(id);
    },
  };
}
