import { isAbsolute, relative, sep } from 'node:path';
import type { Item, TokenUsage } from '../../../../../src-shared/contract';
import { parseCommand } from '../../../approvals';
import type { BackendItem, ItemFields, TurnOutcome } from '../types';
import type {
  CodexNotifications,
  CodexTurn,
  FileUpdateChange,
  ThreadItem,
  TokenUsageBreakdown,
} from './codex-protocol';

/**
 * Pure translations from Codex's items and notifications to ours. Codex item kinds Skein has no
 * kind for (review mode, images, sub-agents, hook prompts) map to null and are not shown; user
 * messages too, because the thread runtime records the messages it sends.
 */

type FileChange = Extract<Item, { kind: 'file_change' }>['changes'][number];

function itemStatus(status: 'inProgress' | 'completed' | 'failed' | 'declined'): Item['status'] {
  switch (status) {
    case 'inProgress':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'declined':
      return 'declined';
  }
}

/** Codex reports absolute paths; ours are relative to the worktree, as the review shows them. */
export function worktreePath(path: string, worktree: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(worktree, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return inside.split(sep).join('/');
}

/**
 * Codex runs each command as `<shell> -lc '<script>'`; the script is what the agent wrote and what
 * a person wants to read. Other shapes are returned unchanged.
 */
export function unwrapShellCommand(command: string): string {
  const { segments } = parseCommand(command);
  const words = segments.length === 1 ? segments[0]! : [];
  const [shell, flag, script] = words;
  if (words.length !== 3 || !shell || !script || (flag !== '-lc' && flag !== '-c')) return command;
  return /(^|\/)(ba|z|da|k)?sh$/.test(shell) ? script : command;
}

/**
 * Codex sends an added or deleted file's whole content rather than a hunk; as a hunk it reads like
 * every other diff in the review.
 */
export function contentHunk(content: string, sign: '+' | '-'): string {
  if (content === '' || content.startsWith('@@')) return content;
  const lines = content.endsWith('\n') ? content.slice(0, -1).split('\n') : content.split('\n');
  const range = sign === '+' ? `-0,0 +1,${lines.length}` : `-1,${lines.length} +0,0`;
  const body = lines.map((line) => `${sign}${line}\n`).join('');
  return `@@ ${range} @@\n${body}${content.endsWith('\n') ? '' : '\\ No newline at end of file\n'}`;
}

function fileChange(change: FileUpdateChange, worktree: string): FileChange {
  const path = worktreePath(change.path, worktree);
  switch (change.kind.type) {
    case 'add':
      return { kind: 'add', path, movePath: null, diff: contentHunk(change.diff, '+') };
    case 'delete':
      return { kind: 'delete', path, movePath: null, diff: contentHunk(change.diff, '-') };
    case 'update': {
      const moved = change.kind.move_path;
      return moved
        ? { kind: 'move', path, movePath: worktreePath(moved, worktree), diff: change.diff }
        : { kind: 'update', path, movePath: null, diff: change.diff };
    }
  }
}

/** One unified diff for all changes (Codex sends hunks per file without headers). */
export function patchText(changes: FileChange[]): string {
  return changes
    .map((change) => {
      const from = change.kind === 'add' ? '/dev/null' : `a/${change.path}`;
      const to = change.kind === 'delete' ? '/dev/null' : `b/${change.movePath ?? change.path}`;
      const body = change.diff.endsWith('\n') || change.diff === '' ? change.diff : `${change.diff}\n`;
      return `--- ${from}\n+++ ${to}\n${body}`;
    })
    .join('');
}

/** The text of an MCP result's content blocks; JSON when there is none. */
function mcpOutput(result: { content: unknown[]; structuredContent: unknown } | null): string | null {
  if (!result) return null;
  const texts = result.content.flatMap((block) => {
    const part = block as { type?: unknown; text?: unknown } | null;
    return part?.type === 'text' && typeof part.text === 'string' ? [part.text] : [];
  });
  if (texts.length > 0) return texts.join('\n');
  return JSON.stringify(result.structuredContent ?? result.content);
}

function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

function reasoningText(summary: string[], content: string[]): string {
  return (summary.length > 0 ? summary : content).join('\n\n');
}

function fieldsOf(item: ThreadItem, worktree: string): { fields: ItemFields; status: Item['status'] } | null {
  switch (item.type) {
    case 'agentMessage':
      return { fields: { kind: 'agent_message', text: item.text }, status: 'completed' };
    case 'reasoning':
      return {
        fields: { kind: 'reasoning', text: reasoningText(item.summary, item.content) },
        status: 'completed',
      };
    case 'plan':
      return { fields: { kind: 'plan', explanation: item.text, steps: [] }, status: 'completed' };
    case 'commandExecution':
      return {
        fields: {
          kind: 'command',
          command: unwrapShellCommand(item.command),
          cwd: item.cwd,
          reason: null,
          // Codex confines commands itself (Landlock/seccomp, Seatbelt); it does not say which.
          sandbox: null,
          exitCode: item.exitCode,
          output: item.aggregatedOutput ?? '',
          timedOut: false,
          durationMs: item.durationMs,
        },
        status: itemStatus(item.status),
      };
    case 'fileChange': {
      const changes = item.changes.map((change) => fileChange(change, worktree));
      return {
        fields: {
          kind: 'file_change',
          patch: patchText(changes),
          changes,
          error: item.status === 'failed' ? 'Codex could not apply this patch.' : null,
        },
        status: itemStatus(item.status),
      };
    }
    case 'mcpToolCall':
      return {
        fields: {
          kind: 'tool_call',
          tool: `mcp:${item.server}:${item.tool}`,
          arguments: jsonText(item.arguments),
          output: item.error ? item.error.message : mcpOutput(item.result),
        },
        status: itemStatus(item.status),
      };
    case 'dynamicToolCall':
      return {
        fields: { kind: 'tool_call', tool: item.tool, arguments: jsonText(item.arguments), output: null },
        status: item.status === 'completed' && item.success === false ? 'failed' : itemStatus(item.status),
      };
    case 'webSearch':
      return {
        fields: {
          kind: 'tool_call',
          tool: 'web_search',
          arguments: JSON.stringify({ query: item.query ?? '' }),
          output: null,
        },
        status: 'completed',
      };
    case 'contextCompaction':
      return { fields: { kind: 'compaction', summary: '', replacedItems: 0 }, status: 'completed' };
    case 'userMessage':
    case 'hookPrompt':
    case 'functionCallOutput':
    case 'collabAgentToolCall':
    case 'subAgentActivity':
    case 'imageView':
    case 'sleep':
    case 'imageGeneration':
    case 'enteredReviewMode':
    case 'exitedReviewMode':
      return null;
    default:
      // A kind newer than codex-protocol.ts: not shown rather than shown wrong.
      return null;
  }
}

/**
 * Our item for a Codex item, or null when Skein does not show that kind. `started` is the
 * `item/started` view: messages and reasoning are still streaming then, so they are in progress.
 */
export function mapThreadItem(item: ThreadItem, worktree: string, started: boolean): BackendItem | null {
  const mapped = fieldsOf(item, worktree);
  if (!mapped) return null;
  const status = started && mapped.status === 'completed' ? 'in_progress' : mapped.status;
  return { backendItemId: item.id, status, fields: mapped.fields };
}

/** Codex's plan updates are not items; each becomes a completed plan item, as our update_plan tool makes. */
export function mapPlanUpdate(update: CodexNotifications['turn/plan/updated']): ItemFields {
  return {
    kind: 'plan',
    explanation: update.explanation,
    steps: update.plan.map(({ step, status }) => ({
      step,
      status: status === 'inProgress' ? 'in_progress' : status,
    })),
  };
}

/** The `last` breakdown of `thread/tokenUsage/updated`: one model response's tokens. */
export function mapUsage(usage: TokenUsageBreakdown): TokenUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedTokens: usage.cachedInputTokens,
    reasoningTokens: usage.reasoningOutputTokens,
  };
}

export function mapTurnOutcome(turn: CodexTurn): { outcome: TurnOutcome; error: string | null } {
  const error = turn.error
    ? [turn.error.message, turn.error.additionalDetails].filter(Boolean).join(': ')
    : null;
  switch (turn.status) {
    case 'completed':
      return { outcome: 'completed', error: null };
    case 'interrupted':
      return { outcome: 'interrupted', error };
    case 'failed':
      return { outcome: 'failed', error: error ?? 'Codex reported the turn failed without saying why.' };
    case 'inProgress':
      return { outcome: 'failed', error: 'Codex ended the turn while reporting it still in progress.' };
  }
}
