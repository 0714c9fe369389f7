import { describe, expect, it } from 'vitest';
import {
  approvalNeededMessage,
  execItem,
  execUsage,
  progressLine,
  titleFromPrompt,
  turnEndEvent,
} from '../../src-main/host/commands/exec-events';
import type { Approval, Item, Turn } from '../../src-shared/contract';

const base = {
  id: 'item-1',
  threadId: 'thread-1',
  turnId: 'turn-1',
  seq: 1,
  status: 'completed' as const,
  startedAt: 1,
  completedAt: 2,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
};

function turn(overrides: Partial<Turn>): Turn {
  return {
    id: 'turn-1',
    threadId: 'thread-1',
    seq: 1,
    status: 'completed',
    provider: 'openai',
    model: 'm',
    startedAt: 1,
    completedAt: 2,
    usage: { inputTokens: 300, outputTokens: 40, cachedTokens: 100, reasoningTokens: 5 },
    costUsd: null,
    error: null,
    continuesTurnId: null,
    snapshotBefore: null,
    snapshotAfter: null,
    ...overrides,
  };
}

describe('exec item shapes', () => {
  it('maps each transcript item to its documented shape', () => {
    const items: Item[] = [
      { ...base, kind: 'agent_message', text: 'Done.' },
      { ...base, kind: 'reasoning', text: 'Thinking' },
      {
        ...base,
        kind: 'command',
        command: 'npm test',
        cwd: '/w',
        reason: null,
        sandbox: 'bwrap',
        exitCode: 1,
        output: 'FAIL\n',
        timedOut: false,
        durationMs: 20,
        status: 'failed',
      },
      {
        ...base,
        kind: 'file_change',
        patch: '*** Begin Patch',
        changes: [
          { kind: 'update', path: 'a.ts', movePath: null, diff: '' },
          { kind: 'move', path: 'b.ts', movePath: 'c.ts', diff: '' },
        ],
        error: null,
      },
      { ...base, kind: 'tool_call', tool: 'mcp:docs:search', arguments: '{"q":1}', output: 'hit' },
      { ...base, kind: 'tool_call', tool: 'read_file', arguments: '{}', output: null, status: 'in_progress' },
      { ...base, kind: 'plan', explanation: null, steps: [{ step: 'a', status: 'pending' }] },
      { ...base, kind: 'error', message: 'Boom.' },
    ];
    expect(items.map(execItem)).toEqual([
      { id: 'item-1', type: 'agent_message', text: 'Done.' },
      { id: 'item-1', type: 'reasoning', text: 'Thinking' },
      {
        id: 'item-1',
        type: 'command_execution',
        command: 'npm test',
        aggregated_output: 'FAIL\n',
        exit_code: 1,
        status: 'failed',
      },
      {
        id: 'item-1',
        type: 'file_change',
        changes: [
          { path: 'a.ts', kind: 'update', move_path: null },
          { path: 'b.ts', kind: 'move', move_path: 'c.ts' },
        ],
        error: null,
        status: 'completed',
      },
      {
        id: 'item-1',
        type: 'mcp_tool_call',
        server: 'docs',
        tool: 'search',
        arguments: '{"q":1}',
        result: 'hit',
        status: 'completed',
      },
      {
        id: 'item-1',
        type: 'tool_call',
        tool: 'read_file',
        arguments: '{}',
        result: null,
        status: 'in_progress',
      },
      { id: 'item-1', type: 'plan', explanation: null, steps: [{ step: 'a', status: 'pending' }] },
      { id: 'item-1', type: 'error', message: 'Boom.' },
    ]);
  });

  it('leaves out the user’s own message and compaction markers', () => {
    expect(execItem({ ...base, kind: 'user_message', text: 'Hi', steer: false })).toBeNull();
    expect(execItem({ ...base, kind: 'compaction', summary: 's', replacedItems: 3 })).toBeNull();
  });
});

describe('exec turn events', () => {
  it('reports usage in Codex’s field names, with the cost only when known', () => {
    expect(execUsage(turn({}))).toEqual({ input_tokens: 300, cached_input_tokens: 100, output_tokens: 40 });
    expect(execUsage(turn({ costUsd: 0.0123 }))).toEqual({
      input_tokens: 300,
      cached_input_tokens: 100,
      output_tokens: 40,
      cost_usd: 0.0123,
    });
  });

  it('ends with turn.completed, or turn.failed with a message for a failed or interrupted turn', () => {
    expect(turnEndEvent(turn({ status: 'running' }))).toBeNull();
    expect(turnEndEvent(turn({ status: 'waiting_approval' }))).toBeNull();
    expect(turnEndEvent(turn({}))).toMatchObject({ type: 'turn.completed', turn_id: 'turn-1' });
    expect(turnEndEvent(turn({ status: 'failed', error: 'Rate limited.' }))).toEqual({
      type: 'turn.failed',
      turn_id: 'turn-1',
      error: { message: 'Rate limited.' },
    });
    expect(turnEndEvent(turn({ status: 'interrupted' }))).toMatchObject({
      type: 'turn.failed',
      error: { message: expect.stringMatching(/interrupted/) as unknown },
    });
  });

  it('says what needed approval and which flag allows it', () => {
    const approval = {
      kind: 'command',
      command: 'rm -rf build',
      tool: 'shell',
      policyReason: 'the approval policy is untrusted',
    } as Approval;
    const message = approvalNeededMessage(approval);
    expect(message).toContain('`rm -rf build`');
    expect(message).toContain('the approval policy is untrusted');
    expect(message).toContain('--approval-policy never');
    expect(approvalNeededMessage({ ...approval, kind: 'patch', command: null })).toContain('change files');
  });

  it('prints progress for finished work only, and the usage at the end', () => {
    expect(progressLine({ type: 'thread.started', thread_id: 't' })).toBeNull();
    expect(
      progressLine({
        type: 'item.completed',
        item: {
          id: 'i',
          type: 'command_execution',
          command: 'ls',
          aggregated_output: '',
          exit_code: 0,
          status: 'completed',
        },
      }),
    ).toBe('$ ls (exit 0)');
    expect(
      progressLine({ type: 'item.completed', item: { id: 'i', type: 'agent_message', text: 'x' } }),
    ).toBeNull();
    expect(
      progressLine({
        type: 'turn.completed',
        turn_id: 't',
        usage: { input_tokens: 3, cached_input_tokens: 1, output_tokens: 2, cost_usd: 0.5 },
      }),
    ).toBe('Turn completed: 3 input tokens (1 cached), 2 output tokens, $0.5000.');
  });

  it('titles a thread with the prompt’s first line, cut short', () => {
    expect(titleFromPrompt('  Fix the build\nDetails follow', 60)).toBe('Fix the build');
    expect(titleFromPrompt('x'.repeat(80), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(titleFromPrompt('\n\n', 10)).toBe('skein exec');
  });
});
