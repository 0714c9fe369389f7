import type { Approval, Item, Turn } from '../../../src-shared/contract';

/**
 * The JSONL events of `skein exec --json` (docs/cli-exec.md). Names and fields follow `codex exec --json`
 * where the two agree, so scripts written for one read the other; snake_case like Codex.
 */

export type ExecItemStatus = 'in_progress' | 'completed' | 'failed' | 'declined' | 'interrupted';

export type ExecItem =
  | { id: string; type: 'agent_message'; text: string }
  | { id: string; type: 'reasoning'; text: string }
  | {
      id: string;
      type: 'command_execution';
      command: string;
      aggregated_output: string;
      exit_code: number | null;
      status: ExecItemStatus;
    }
  | {
      id: string;
      type: 'file_change';
      changes: { path: string; kind: 'add' | 'update' | 'delete' | 'move'; move_path: string | null }[];
      error: string | null;
      status: ExecItemStatus;
    }
  | {
      id: string;
      type: 'mcp_tool_call';
      server: string;
      tool: string;
      arguments: string;
      result: string | null;
      status: ExecItemStatus;
    }
  /** Skein's own tools that are not commands, patches or plans (read_file, search, …): not in Codex. */
  | {
      id: string;
      type: 'tool_call';
      tool: string;
      arguments: string;
      result: string | null;
      status: ExecItemStatus;
    }
  | {
      id: string;
      type: 'plan';
      explanation: string | null;
      steps: { step: string; status: 'pending' | 'in_progress' | 'completed' }[];
    }
  | { id: string; type: 'error'; message: string };

export interface ExecUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  /** Only when the model's price is known. */
  cost_usd?: number;
}

export type ExecEvent =
  | { type: 'thread.started'; thread_id: string }
  | { type: 'turn.started'; turn_id: string }
  | { type: 'item.started' | 'item.updated' | 'item.completed'; item: ExecItem }
  | { type: 'turn.completed'; turn_id: string; usage: ExecUsage }
  | { type: 'turn.failed'; turn_id: string; error: { message: string } }
  | { type: 'error'; message: string };

const MCP_TOOL = /^mcp:([^:]+):(.+)$/;

/**
 * The stable shape of a transcript item, or null for items a headless caller does not need:
 * the user's own message (it wrote it) and compaction markers.
 */
export function execItem(item: Item): ExecItem | null {
  const { id } = item;
  switch (item.kind) {
    case 'user_message':
    case 'compaction':
      return null;
    case 'agent_message':
      return { id, type: 'agent_message', text: item.text };
    case 'reasoning':
      return { id, type: 'reasoning', text: item.text };
    case 'command':
      return {
        id,
        type: 'command_execution',
        command: item.command,
        aggregated_output: item.output,
        exit_code: item.exitCode,
        status: item.status,
      };
    case 'file_change':
      return {
        id,
        type: 'file_change',
        changes: item.changes.map((change) => ({
          path: change.path,
          kind: change.kind,
          move_path: change.movePath,
        })),
        error: item.error,
        status: item.status,
      };
    case 'tool_call': {
      const mcp = MCP_TOOL.exec(item.tool);
      if (mcp?.[1] && mcp[2]) {
        return {
          id,
          type: 'mcp_tool_call',
          server: mcp[1],
          tool: mcp[2],
          arguments: item.arguments,
          result: item.output,
          status: item.status,
        };
      }
      return {
        id,
        type: 'tool_call',
        tool: item.tool,
        arguments: item.arguments,
        result: item.output,
        status: item.status,
      };
    }
    case 'plan':
      return { id, type: 'plan', explanation: item.explanation, steps: item.steps };
    case 'error':
      return { id, type: 'error', message: item.message };
  }
}

export function execUsage(turn: Turn): ExecUsage {
  const usage: ExecUsage = {
    input_tokens: turn.usage.inputTokens,
    cached_input_tokens: turn.usage.cachedTokens,
    output_tokens: turn.usage.outputTokens,
  };
  if (turn.costUsd !== null) usage.cost_usd = turn.costUsd;
  return usage;
}

/** The event that ends a turn; null while it still runs. */
export function turnEndEvent(turn: Turn): ExecEvent | null {
  switch (turn.status) {
    case 'running':
    case 'waiting_approval':
      return null;
    case 'completed':
      return { type: 'turn.completed', turn_id: turn.id, usage: execUsage(turn) };
    case 'interrupted':
      return {
        type: 'turn.failed',
        turn_id: turn.id,
        error: { message: turn.error ?? 'The turn was interrupted before it finished.' },
      };
    case 'failed':
      return {
        type: 'turn.failed',
        turn_id: turn.id,
        error: { message: turn.error ?? 'The turn failed.' },
      };
  }
}

/**
 * Says what waited on an approval and which flag lets a headless run go on without asking. A policy
 * set here is only the thread's layer: a stricter user or project setting still wins.
 */
export function approvalNeededMessage(approval: Approval): string {
  const what =
    approval.kind === 'command' && approval.command
      ? `run \`${approval.command}\``
      : approval.kind === 'patch'
        ? 'change files'
        : `call the tool ${approval.tool}`;
  return (
    `The agent needed approval to ${what} (${approval.policyReason}), and skein exec cannot ask, so the turn was aborted. ` +
    'Pass --approval-policy never to let the agent work without asking (inside the sandbox), and ' +
    '--sandbox workspace-write or danger-full-access when it needs to write or leave the sandbox; ' +
    'a stricter approval policy in your user or project settings still applies.'
  );
}

/** A prompt's first line, cut to a sidebar-friendly length. */
export function titleFromPrompt(prompt: string, maxChars: number): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  if (line === '') return 'skein exec';
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}

function usageText(usage: ExecUsage): string {
  const cost = usage.cost_usd === undefined ? '' : `, $${usage.cost_usd.toFixed(4)}`;
  return `${usage.input_tokens} input tokens (${usage.cached_input_tokens} cached), ${usage.output_tokens} output tokens${cost}`;
}

/** What a person watching a plain (not --json) run sees on stderr for an event; null for none. */
export function progressLine(event: ExecEvent): string | null {
  switch (event.type) {
    case 'thread.started':
    case 'turn.started':
    case 'item.started':
    case 'item.updated':
      return null;
    case 'item.completed':
      return itemLine(event.item);
    case 'turn.completed':
      return `Turn completed: ${usageText(event.usage)}.`;
    case 'turn.failed':
      return `Turn failed: ${event.error.message}`;
    case 'error':
      return `Error: ${event.message}`;
  }
}

function itemLine(item: ExecItem): string | null {
  switch (item.type) {
    case 'agent_message':
    case 'reasoning':
      return null;
    case 'command_execution':
      return `$ ${item.command}${item.exit_code === null ? ` (${item.status})` : ` (exit ${item.exit_code})`}`;
    case 'file_change':
      return `Changed ${item.changes.map((change) => change.path).join(', ') || 'no files'}${item.error ? `: ${item.error}` : ''}`;
    case 'mcp_tool_call':
      return `Tool ${item.server}:${item.tool} (${item.status})`;
    case 'tool_call':
      return `Tool ${item.tool} (${item.status})`;
    case 'plan':
      return `Plan: ${item.steps.map((step) => `[${step.status}] ${step.step}`).join('; ')}`;
    case 'error':
      return `Error: ${item.message}`;
  }
}
