import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../src-main/core/agents/backends';
import { CodexEventMapper } from '../../src-main/core/agents/backends/codex/codex-event-mapper';
import {
  contentHunk,
  mapPlanUpdate,
  mapThreadItem,
  mapTurnOutcome,
  patchText,
  unwrapShellCommand,
  worktreePath,
} from '../../src-main/core/agents/backends/codex/codex-items';
import type { ThreadItem } from '../../src-main/core/agents/backends/codex/codex-protocol';
import { readCodexFixture } from '../support/codex-backend-fixtures';

const TREE = '/work/tree';

/** Replays a recorded session's notifications (not requests or responses) through the mapper. */
function replay(name: string): BackendEvent[] {
  const events: BackendEvent[] = [];
  const mapper = new CodexEventMapper(TREE, (event) => events.push(event));
  for (const message of readCodexFixture(name)) {
    if (typeof message.method === 'string' && message.id === undefined)
      mapper.notification(message.method, message.params);
  }
  return events;
}

function summary(events: BackendEvent[]): string[] {
  return events.map((event) => {
    if (event.type === 'item/started' || event.type === 'item/completed')
      return `${event.type} ${event.item.fields.kind} ${event.item.status}`;
    return event.type === 'item/delta' ? `delta ${event.stream}` : event.type;
  });
}

describe('Codex notifications as our events (recorded from codex-cli 0.169.0)', () => {
  it('maps a reasoning + approved patch + message turn', () => {
    const events = replay('approve-patch');
    expect(summary(events)).toEqual([
      'item/started reasoning in_progress',
      'delta reasoning',
      'delta reasoning',
      'item/completed reasoning completed',
      'item/started file_change in_progress',
      'item/completed file_change completed',
      'usage',
      'item/started agent_message in_progress',
      'delta text',
      'delta text',
      'item/completed agent_message completed',
      'usage',
    ]);
    const patch = events.find(
      (event) => event.type === 'item/completed' && event.item.fields.kind === 'file_change',
    );
    expect(patch?.type === 'item/completed' && patch.item.fields).toEqual({
      kind: 'file_change',
      changes: [
        { kind: 'update', path: 'a.txt', movePath: null, diff: '@@ -1 +1 @@\n-one\n+two\n' },
        { kind: 'add', path: 'b.txt', movePath: null, diff: '@@ -0,0 +1,1 @@\n+new file\n' },
      ],
      patch:
        '--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n' +
        '--- /dev/null\n+++ b/b.txt\n@@ -0,0 +1,1 @@\n+new file\n',
      error: null,
    });
    const usage = events.find((event) => event.type === 'usage');
    expect(usage?.type === 'usage' && usage.usage.outputTokens).toBeGreaterThan(0);
  });

  it('maps a declined command with the script the agent wrote', () => {
    const events = replay('decline-command');
    const command = events.find(
      (event) => event.type === 'item/completed' && event.item.fields.kind === 'command',
    );
    expect(command?.type === 'item/completed' && command.item).toEqual({
      backendItemId: 'call_cmd',
      status: 'declined',
      fields: {
        kind: 'command',
        command: 'printf three > a.txt && echo wrote',
        cwd: TREE,
        reason: null,
        sandbox: null,
        exitCode: null,
        output: '',
        timedOut: false,
        durationMs: null,
      },
    });
  });

  it('streams a command’s output and keeps its exit code', () => {
    const events = replay('run-command');
    const output = events.filter((event) => event.type === 'item/delta' && event.stream === 'output');
    expect(output.map((event) => event.type === 'item/delta' && event.delta).join('')).toBe('wrote\n');
    const done = events.find(
      (event) => event.type === 'item/completed' && event.item.fields.kind === 'command',
    );
    expect(done?.type === 'item/completed' && done.item.fields).toMatchObject({
      exitCode: 0,
      output: 'wrote\n',
    });
  });

  it('drops deltas of items it does not show', () => {
    const events: BackendEvent[] = [];
    const mapper = new CodexEventMapper(TREE, (event) => events.push(event));
    mapper.notification('item/agentMessage/delta', {
      threadId: 't',
      turnId: 'u',
      itemId: 'unknown',
      delta: 'x',
    });
    mapper.notification('item/started', { threadId: 't', turnId: 'u', item: { type: 'imageView', id: 'i' } });
    expect(events).toEqual([]);
  });
});

describe('Codex items as ours (shapes from the generated 0.169.0 types)', () => {
  it('maps an MCP tool call with its text result, and a failed one', () => {
    const item = {
      type: 'mcpToolCall',
      id: 'mcp_1',
      server: 'docs',
      tool: 'search',
      status: 'completed',
      arguments: { query: 'x' },
      result: { content: [{ type: 'text', text: 'found' }], structuredContent: null },
      error: null,
    } satisfies ThreadItem;
    expect(mapThreadItem(item, TREE, false)).toEqual({
      backendItemId: 'mcp_1',
      status: 'completed',
      fields: { kind: 'tool_call', tool: 'mcp:docs:search', arguments: '{"query":"x"}', output: 'found' },
    });
    const failed = {
      ...item,
      status: 'failed',
      result: null,
      error: { message: 'boom' },
    } satisfies ThreadItem;
    expect(mapThreadItem(failed, TREE, false)).toMatchObject({
      status: 'failed',
      fields: { output: 'boom' },
    });
  });

  it('maps plan updates, moves, compaction, and skips user messages', () => {
    expect(
      mapPlanUpdate({
        threadId: 't',
        turnId: 'u',
        explanation: 'why',
        plan: [
          { step: 'a', status: 'completed' },
          { step: 'b', status: 'inProgress' },
        ],
      }),
    ).toEqual({
      kind: 'plan',
      explanation: 'why',
      steps: [
        { step: 'a', status: 'completed' },
        { step: 'b', status: 'in_progress' },
      ],
    });
    const move = mapThreadItem(
      {
        type: 'fileChange',
        id: 'p',
        status: 'failed',
        changes: [
          { path: `${TREE}/old.ts`, kind: { type: 'update', move_path: `${TREE}/src/new.ts` }, diff: '' },
        ],
      },
      TREE,
      false,
    );
    expect(move).toMatchObject({
      status: 'failed',
      fields: {
        changes: [{ kind: 'move', path: 'old.ts', movePath: 'src/new.ts' }],
        error: 'Codex could not apply this patch.',
      },
    });
    expect(mapThreadItem({ type: 'contextCompaction', id: 'c' }, TREE, false)?.fields.kind).toBe(
      'compaction',
    );
    expect(mapThreadItem({ type: 'userMessage', id: 'u', content: [] }, TREE, false)).toBeNull();
  });

  it('turns Codex turn endings into outcomes', () => {
    expect(mapTurnOutcome({ id: 't', status: 'completed', error: null })).toEqual({
      outcome: 'completed',
      error: null,
    });
    expect(
      mapTurnOutcome({
        id: 't',
        status: 'failed',
        error: { message: 'stream error', additionalDetails: '502' },
      }),
    ).toEqual({ outcome: 'failed', error: 'stream error: 502' });
    expect(mapTurnOutcome({ id: 't', status: 'interrupted', error: null }).outcome).toBe('interrupted');
  });

  it('unwraps the shell Codex adds around a command', () => {
    expect(unwrapShellCommand("/bin/bash -lc 'printf three > a.txt && echo wrote'")).toBe(
      'printf three > a.txt && echo wrote',
    );
    expect(unwrapShellCommand(`/bin/zsh -c "echo 'it'\\"s"`)).toBe(`echo 'it'"s`);
    expect(unwrapShellCommand('/bin/bash -lc ls && rm x')).toBe('/bin/bash -lc ls && rm x');
    expect(unwrapShellCommand('python -c "print(1)"')).toBe('python -c "print(1)"');
  });

  it('writes paths relative to the worktree and whole-file changes as hunks', () => {
    expect(worktreePath(`${TREE}/src/a.ts`, TREE)).toBe('src/a.ts');
    expect(worktreePath('/elsewhere/a.ts', TREE)).toBe('/elsewhere/a.ts');
    expect(contentHunk('gone\nbye', '-')).toBe(
      '@@ -1,2 +0,0 @@\n-gone\n-bye\n\\ No newline at end of file\n',
    );
    expect(patchText([{ kind: 'delete', path: 'x', movePath: null, diff: '@@ -1 +0,0 @@\n-x\n' }])).toBe(
      '--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n',
    );
  });
});
