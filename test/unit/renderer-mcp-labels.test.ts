import { describe, expect, test } from 'vitest';
import type { McpServerEntry } from '../../src-shared/contract';
import {
  canRestart,
  enabledParam,
  inheritText,
  sortEntries,
  statusText,
  switchStateAt,
  toolCountText,
} from '../../src-renderer/features/mcp/mcp-labels';

function entry(patch: Partial<McpServerEntry> & { name?: string }): McpServerEntry {
  const { name = 'srv', ...rest } = patch;
  return {
    config: { name, transport: 'stdio', command: 'x' },
    scope: 'user',
    overridden: false,
    enabled: true,
    enabledSource: 'default',
    status: 'stopped',
    pid: null,
    tools: null,
    lastError: null,
    usedBy: [],
    ...rest,
  };
}

describe('MCP enabled switches', () => {
  test('a layer shows on or off only when it holds the setting itself', () => {
    expect(switchStateAt(entry({ enabledSource: 'project', enabled: false }), 'project')).toBe('off');
    expect(switchStateAt(entry({ enabledSource: 'project', enabled: true }), 'project')).toBe('on');
    expect(switchStateAt(entry({ enabledSource: 'default' }), 'project')).toBe('inherit');
    // A thread listing whose state comes from the project: the thread follows.
    expect(switchStateAt(entry({ enabledSource: 'project', enabled: false }), 'thread')).toBe('inherit');
    expect(switchStateAt(entry({ enabledSource: 'thread', enabled: false }), 'thread')).toBe('off');
  });

  test('following the wider scope is sent as null', () => {
    expect(enabledParam('on')).toBe(true);
    expect(enabledParam('off')).toBe(false);
    expect(enabledParam('inherit')).toBeNull();
  });

  test('the follow choice says what it resolves to', () => {
    expect(inheritText('project', true)).toBe('Default (on)');
    expect(inheritText('thread', false)).toBe('Follow project (off)');
    expect(inheritText('thread', undefined)).toBe('Follow project');
  });
});

describe('MCP server labels', () => {
  test('every status has words; restart only with a process or its wreck', () => {
    expect(statusText('crashed')).toBe('Crashed');
    expect(canRestart('running')).toBe(true);
    expect(canRestart('failed')).toBe(true);
    expect(canRestart('stopped')).toBe(false);
    expect(canRestart('starting')).toBe(false);
  });

  test('tool counts', () => {
    expect(toolCountText(null)).toBe('Tools not listed yet');
    expect(toolCountText([{ name: 't', description: null, inputSchema: {} }])).toBe('1 tool');
    expect(toolCountText([])).toBe('0 tools');
  });

  test("the project's servers come first, then the user's, each by name", () => {
    const sorted = sortEntries([
      entry({ name: 'b' }),
      entry({ name: 'z', scope: 'project' }),
      entry({ name: 'a' }),
      entry({ name: 'c', scope: 'project' }),
    ]);
    expect(sorted.map((e) => `${e.scope}:${e.config.name}`)).toEqual([
      'project:c',
      'project:z',
      'user:a',
      'user:b',
    ]);
  });
});
