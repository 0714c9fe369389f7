import type { Item, TokenUsage } from '../../../../../src-shared/contract';
import { contentHunk, patchText, worktreePath } from '../codex/codex-items';
import type { BackendItem, ItemFields, TurnOutcome } from '../types';
import type {
  AnthropicUsage,
  ResultMessage,
  StructuredHunk,
  ToolResultBlock,
  ToolUseBlock,
} from './claude-protocol';

/**
 * Pure translations from Claude Code's content blocks and results to our items. Claude Code's tools
 * are named, not typed: `Bash` is a command, `Edit`/`Write`/`MultiEdit` change files, `TodoWrite`
 * is a plan, `mcp__<server>__<tool>` an MCP call, everything else (Read, Grep, Agent…) a tool call.
 */

type FileChange = Extract<Item, { kind: 'file_change' }>['changes'][number];

const FILE_TOOLS = new Set(['Edit', 'Write', 'MultiEdit']);

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `mcp__server__tool` as our `mcp:server:tool`; null for a built-in tool. */
export function mcpToolName(name: string): string | null {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match ? `mcp:${match[1]}:${match[2]}` : null;
}

function lines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/**
 * A hunk replacing `oldText` by `newText`. Claude's Edit input has no line numbers; when the file's
 * current text is known the hunk is placed where `oldText` first occurs, else at line 1.
 */
export function replacementHunk(oldText: string, newText: string, fileText: string | null): string {
  const at = fileText ? fileText.indexOf(oldText) : -1;
  const start = at > 0 ? fileText!.slice(0, at).split('\n').length : 1;
  const removed = lines(oldText);
  const added = lines(newText);
  const range = (count: number) =>
    count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
  const body = [...removed.map((line) => `-${line}\n`), ...added.map((line) => `+${line}\n`)].join('');
  return `@@ -${range(removed.length)} +${range(added.length)} @@\n${body}`;
}

/** Claude Code's `structuredPatch` as hunk text. */
export function structuredPatchText(hunks: StructuredHunk[]): string {
  return hunks
    .map((hunk) => {
      const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
      const head = `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@\n`;
      return head + hunk.lines.map((line) => `${line}\n`).join('');
    })
    .join('');
}

function isHunkList(value: unknown): value is StructuredHunk[] {
  return (
    Array.isArray(value) &&
    value.every(
      (hunk) =>
        typeof hunk === 'object' && hunk !== null && Array.isArray((hunk as { lines?: unknown }).lines),
    )
  );
}

/**
 * The change an Edit/Write/MultiEdit asks for, before it ran. `fileText` is the file's text now
 * (null when it does not exist), which places hunks and tells a new file from an overwrite.
 */
export function proposedChange(block: ToolUseBlock, worktree: string, fileText: string | null): FileChange {
  const filePath = str(block.input.file_path) ?? '';
  const path = worktreePath(filePath, worktree);
  if (block.name === 'Write') {
    const content = str(block.input.content) ?? '';
    if (fileText === null) return { kind: 'add', path, movePath: null, diff: contentHunk(content, '+') };
    return { kind: 'update', path, movePath: null, diff: replacementHunk(fileText, content, fileText) };
  }
  const edits =
    block.name === 'MultiEdit' && Array.isArray(block.input.edits)
      ? (block.input.edits as Record<string, unknown>[])
      : [block.input];
  const diff = edits
    .map((edit) => replacementHunk(str(edit.old_string) ?? '', str(edit.new_string) ?? '', fileText))
    .join('');
  return { kind: fileText === null ? 'add' : 'update', path, movePath: null, diff };
}

function fileChangeFields(change: FileChange, error: string | null): ItemFields {
  return { kind: 'file_change', patch: patchText([change]), changes: [change], error };
}

/** The item a tool call starts, announced when its input is complete (before any approval). */
export function startedToolItem(block: ToolUseBlock, worktree: string, fileText: string | null): BackendItem {
  const fields = ((): ItemFields => {
    if (block.name === 'Bash') {
      return {
        kind: 'command',
        command: str(block.input.command) ?? '',
        cwd: worktree,
        reason: str(block.input.description),
        // Claude Code's own sandbox is not turned on by this backend (ADR 0014).
        sandbox: null,
        exitCode: null,
        output: '',
        timedOut: false,
        durationMs: null,
      };
    }
    if (FILE_TOOLS.has(block.name)) return fileChangeFields(proposedChange(block, worktree, fileText), null);
    if (block.name === 'TodoWrite') return planFields(block.input);
    return {
      kind: 'tool_call',
      tool: mcpToolName(block.name) ?? block.name,
      arguments: JSON.stringify(block.input),
      output: null,
    };
  })();
  return { backendItemId: block.id, status: 'in_progress', fields };
}

function planFields(input: Record<string, unknown>): ItemFields {
  const todos = Array.isArray(input.todos) ? (input.todos as Record<string, unknown>[]) : [];
  return {
    kind: 'plan',
    explanation: null,
    steps: todos.map((todo) => {
      const status = str(todo.status);
      return {
        step: str(todo.content) ?? '',
        status: status === 'in_progress' || status === 'completed' ? status : 'pending',
      };
    }),
  };
}

/** A tool result's text: the string content, or its text parts joined. */
export function resultText(block: ToolResultBlock): string {
  if (typeof block.content === 'string') return block.content;
  return (block.content ?? [])
    .flatMap((part) => (typeof part.text === 'string' ? [part.text] : []))
    .join('\n');
}

/** Bash's failing results read "Exit code N" first; a successful one has no code, so 0. */
function exitCodeOf(text: string, isError: boolean): number | null {
  if (!isError) return 0;
  const match = /Exit code (\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

function bashOutput(toolUseResult: unknown, fallback: string): string {
  if (typeof toolUseResult !== 'object' || toolUseResult === null) return fallback;
  const { stdout, stderr } = toolUseResult as { stdout?: unknown; stderr?: unknown };
  const parts = [str(stdout), str(stderr)].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join('\n') : fallback;
}

/**
 * The finished item for a tool call: `started` (from `startedToolItem`) with the result folded in.
 * `declined` says our user refused it (Claude reports that as an error result like any other).
 */
export function completedToolItem(
  started: BackendItem,
  result: ToolResultBlock,
  toolUseResult: unknown,
  declined: boolean,
): BackendItem {
  const text = resultText(result);
  const isError = result.is_error === true;
  const status: Item['status'] = declined ? 'declined' : isError ? 'failed' : 'completed';
  const fields = started.fields;
  switch (fields.kind) {
    case 'command':
      return {
        ...started,
        status,
        fields: {
          ...fields,
          output: declined ? text : bashOutput(toolUseResult, text),
          exitCode: declined ? null : exitCodeOf(text, isError),
          timedOut: /timed out/i.test(text) && isError,
        },
      };
    case 'file_change': {
      const hunks = (toolUseResult as { structuredPatch?: unknown } | null)?.structuredPatch;
      const change = fields.changes[0];
      // The patch that was applied (with real line numbers) replaces the proposed one.
      const applied =
        change && !isError && isHunkList(hunks) && hunks.length > 0
          ? { ...change, diff: structuredPatchText(hunks) }
          : change;
      return {
        ...started,
        status,
        fields: applied
          ? fileChangeFields(applied, isError && !declined ? text : null)
          : { ...fields, error: isError ? text : null },
      };
    }
    case 'tool_call':
      return { ...started, status, fields: { ...fields, output: text } };
    case 'agent_message':
    case 'reasoning':
    case 'plan':
    case 'compaction':
    case 'error':
    case 'user_message':
      return { ...started, status };
  }
}

/** One response's tokens: the input side from `message_start`, the output from `message_delta`. */
export function responseUsage(
  start: AnthropicUsage | undefined,
  end: AnthropicUsage | undefined,
): TokenUsage {
  const cached = start?.cache_read_input_tokens ?? 0;
  // Anthropic's input_tokens excludes cache reads and writes; ours includes them, as OpenAI's does.
  const input = (start?.input_tokens ?? 0) + cached + (start?.cache_creation_input_tokens ?? 0);
  return {
    inputTokens: input,
    outputTokens: end?.output_tokens ?? start?.output_tokens ?? 0,
    cachedTokens: cached,
    reasoningTokens: 0,
  };
}

/** How a result ends our turn. `interrupting`: we asked Claude to stop, so an abort is ours. */
export function resultOutcome(
  result: ResultMessage,
  interrupting: boolean,
): { outcome: TurnOutcome; error: string | null } {
  if (result.subtype === 'success' && !result.is_error) return { outcome: 'completed', error: null };
  const aborted = result.terminal_reason?.startsWith('aborted') ?? false;
  if (interrupting || aborted) return { outcome: 'interrupted', error: null };
  const said = [result.subtype === 'success' ? result.result : null, ...(result.errors ?? [])]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .filter((part) => !part.startsWith('[ede_diagnostic]'));
  const why: Record<string, string> = {
    error_max_turns: 'Claude Code stopped at its turn limit.',
    error_max_budget_usd: 'Claude Code stopped at its budget limit.',
  };
  return {
    outcome: 'failed',
    error: said.join(': ') || why[result.subtype] || `Claude Code ended the turn with ${result.subtype}.`,
  };
}
