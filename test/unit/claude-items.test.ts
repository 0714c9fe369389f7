import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../src-main/core/agents/backends';
import { ClaudeEventMapper } from '../../src-main/core/agents/backends/claude/claude-event-mapper';
import {
  completedToolItem,
  mcpToolName,
  replacementHunk,
  resultOutcome,
  startedToolItem,
  structuredPatchText,
} from '../../src-main/core/agents/backends/claude/claude-items';
import type {
  ClaudeMessage,
  ResultMessage,
} from '../../src-main/core/agents/backends/claude/claude-protocol';
import { ClaudeTurns } from '../../src-main/core/agents/backends/claude/claude-turns';
import { readClaudeFixture } from '../support/claude-backend-fixtures';

const TREE = '/work/tree';

/** Replays recorded SDK messages through the mapper and turn tracker as the backend does. */
function replay(name: string, declined: string[] = []) {
  const events: BackendEvent[] = [];
  const mapper = new ClaudeEventMapper({
    worktree: TREE,
    emit: (event) => events.push(event),
    readFile: () => 'one\n',
    wasDeclined: (id) => declined.includes(id),
  });
  const turns = new ClaudeTurns();
  const ends: string[] = [];
  for (const raw of readClaudeFixture(name)) {
    const message = raw as ClaudeMessage;
    if (message.type === 'command_lifecycle') {
      const { command_uuid, state } = raw as { command_uuid: string; state: string };
      if (!turns.active && state === 'queued') turns.begin(command_uuid);
      else if (turns.active && state === 'queued' && !turns.active.members.has(command_uuid))
        turns.steer(command_uuid);
      if (turns.lifecycle(command_uuid, state) === 'done')
        ends.push(resultOutcome(turns.finish()!.lastResult!, false).outcome);
      continue;
    }
    if (message.type === 'result') {
      if (!turns.active) turns.begin('turn');
      if (turns.result(raw as unknown as ResultMessage))
        ends.push(resultOutcome(turns.finish()!.lastResult!, false).outcome);
      continue;
    }
    const turn = turns.active?.id ?? 'turn';
    if (message.type === 'stream_event') mapper.partial(turn, raw as never);
    if (message.type === 'assistant') mapper.assistant(turn, raw as never);
    if (message.type === 'user') mapper.user(turn, raw as never);
  }
  const completed = events.flatMap((event) => (event.type === 'item/completed' ? [event.item] : []));
  return { events, completed, ends };
}

describe('Claude Code messages as our items (recorded from Claude Code 2.1.330)', () => {
  it('maps thinking, text, a Bash call and its result, with deltas and usage', () => {
    const { events, completed, ends } = replay('approve-command');
    expect(completed.map((item) => item.fields.kind)).toEqual([
      'reasoning',
      'agent_message',
      'command',
      'agent_message',
    ]);
    expect(completed[0]!.fields).toEqual({ kind: 'reasoning', text: 'thinking...' });
    expect(completed[1]!.fields).toEqual({ kind: 'agent_message', text: 'I will edit.' });
    expect(completed[2]).toEqual({
      backendItemId: 'toolu_edit',
      status: 'completed',
      fields: {
        kind: 'command',
        command: 'printf two > a.txt && echo wrote',
        cwd: TREE,
        reason: 'write',
        sandbox: null,
        exitCode: 0,
        output: 'wrote',
        timedOut: false,
        durationMs: null,
      },
    });
    const started = events.filter((event) => event.type === 'item/started');
    expect(started.map((event) => event.type === 'item/started' && event.item.backendItemId)).toEqual([
      'msg_000002:0',
      'msg_000002:1',
      'toolu_edit',
      'msg_000003:0',
    ]);
    const deltas = events.flatMap((event) =>
      event.type === 'item/delta' ? [`${event.stream}:${event.delta}`] : [],
    );
    expect(deltas).toEqual(['reasoning:thinking...', 'text:I will edit.', 'text:Done.']);
    const usage = events.flatMap((event) => (event.type === 'usage' ? [event.usage] : []));
    expect(usage).toEqual([
      { inputTokens: 11582, outputTokens: 23, cachedTokens: 0, reasoningTokens: 0 },
      { inputTokens: 11676, outputTokens: 2, cachedTokens: 0, reasoningTokens: 0 },
    ]);
    expect(ends).toEqual(['completed']);
  });

  it('marks a declined edit declined, and ends a steered turn only after the steer ran', () => {
    const { completed, ends } = replay('decline-edit-steer-interrupt', ['toolu_e1']);
    const edit = completed.find((item) => item.backendItemId === 'toolu_e1');
    expect(edit).toMatchObject({ status: 'declined', fields: { kind: 'file_change', error: null } });
    expect(edit!.fields.kind === 'file_change' && edit!.fields.patch).toBe(
      '--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n',
    );
    expect(completed.find((item) => item.backendItemId === 'toolu_read')).toMatchObject({
      status: 'completed',
      fields: { kind: 'tool_call', tool: 'Read', output: '1\tone\n2\t' },
    });
    // Turn 1 (edit), turn 2 ("go slowly" + the steer, two results), turn 3 (interrupted).
    expect(ends).toEqual(['completed', 'completed', 'interrupted']);
  });

  it('names tools, places hunks and reads structured patches', () => {
    expect(mcpToolName('mcp__github__create_issue')).toBe('mcp:github:create_issue');
    expect(mcpToolName('Bash')).toBeNull();
    expect(replacementHunk('b\n', 'B\nC\n', 'a\nb\nc\n')).toBe('@@ -2 +2,2 @@\n-b\n+B\n+C\n');
    expect(
      structuredPatchText([
        { oldStart: 3, oldLines: 1, newStart: 3, newLines: 2, lines: ['-x', '+y', '+z'] },
      ]),
    ).toBe('@@ -3 +3,2 @@\n-x\n+y\n+z\n');
    const write = startedToolItem(
      { type: 'tool_use', id: 't1', name: 'Write', input: { file_path: `${TREE}/new.txt`, content: 'hi\n' } },
      TREE,
      null,
    );
    expect(write.fields).toMatchObject({
      kind: 'file_change',
      changes: [{ kind: 'add', path: 'new.txt', diff: '@@ -0,0 +1,1 @@\n+hi\n' }],
    });
    const todo = startedToolItem(
      {
        type: 'tool_use',
        id: 't2',
        name: 'TodoWrite',
        input: { todos: [{ content: 'Test', status: 'in_progress' }] },
      },
      TREE,
      null,
    );
    expect(todo.fields).toEqual({
      kind: 'plan',
      explanation: null,
      steps: [{ step: 'Test', status: 'in_progress' }],
    });
    const mcp = startedToolItem(
      { type: 'tool_use', id: 't3', name: 'mcp__fs__read', input: { p: 1 } },
      TREE,
      null,
    );
    const done = completedToolItem(
      mcp,
      { type: 'tool_result', tool_use_id: 't3', content: [{ type: 'text', text: 'ok' }] },
      null,
      false,
    );
    expect(done).toMatchObject({
      status: 'completed',
      fields: { kind: 'tool_call', tool: 'mcp:fs:read', output: 'ok' },
    });
    const bash = startedToolItem(
      { type: 'tool_use', id: 't4', name: 'Bash', input: { command: 'false' } },
      TREE,
      null,
    );
    const failed = completedToolItem(
      bash,
      { type: 'tool_result', tool_use_id: 't4', content: 'Exit code 1', is_error: true },
      null,
      false,
    );
    expect(failed).toMatchObject({ status: 'failed', fields: { exitCode: 1 } });
  });

  it('tells completed, interrupted and failed results apart', () => {
    const base = { type: 'result', session_id: 's' } as const;
    expect(resultOutcome({ ...base, subtype: 'success', is_error: false }, false).outcome).toBe('completed');
    expect(
      resultOutcome(
        { ...base, subtype: 'error_during_execution', is_error: true, terminal_reason: 'aborted_tools' },
        false,
      ).outcome,
    ).toBe('interrupted');
    expect(
      resultOutcome({ ...base, subtype: 'success', is_error: true, result: 'Invalid API key' }, false),
    ).toEqual({
      outcome: 'failed',
      error: 'Invalid API key',
    });
    expect(resultOutcome({ ...base, subtype: 'error_max_turns', is_error: true }, false).error).toMatch(
      /turn limit/,
    );
  });
});
