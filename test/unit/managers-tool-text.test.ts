import { describe, expect, it } from 'vitest';
import type { Gate, Worker } from '../../src-shared/contract';
import {
  gateRefusal,
  head,
  statusText,
  tail,
  waitText,
  workerLine,
} from '../../src-main/core/managers/tool-text';

const worker: Worker = {
  threadId: 'w1',
  managerThreadId: 'm1',
  task: 'Do it',
  backend: 'builtin',
  state: 'idle',
  summary: null,
  createdAt: 1,
  updatedAt: 1,
};

const gate: Gate = {
  status: 'failed',
  scratchCommit: 'a'.repeat(40),
  mergedThreadIds: ['w1'],
  conflicts: [],
  check: {
    command: 'npm test',
    status: 'failed',
    exitCode: 2,
    output: `${'x'.repeat(5_000)}\nFAIL b.test.ts`,
    sandbox: 'none',
    startedAt: 1,
    completedAt: 2,
  },
  waivedReason: null,
  updatedAt: 2,
};

describe('manager tool text', () => {
  it('cuts long text at the right end and says so', () => {
    expect(tail('abcdef', 3)).toBe('[… 3 earlier characters cut]\ndef');
    expect(head('abcdef', 3)).toBe('abc\n[… 3 more characters cut]');
    expect(tail('abc', 3)).toBe('abc');
  });

  it("shows a handed-back worker's summary, else its last message", () => {
    expect(workerLine({ worker, title: 'Alpha', lastMessage: 'I am idle' })).toBe(
      '- "Alpha" (thread_id w1): idle. Last message: I am idle',
    );
    const handed = { ...worker, state: 'handed_back' as const, summary: 'Added a.txt' };
    expect(workerLine({ worker: handed, title: 'Alpha', lastMessage: 'bye' })).toBe(
      '- "Alpha" (thread_id w1): handed back. Hand-back summary: Added a.txt',
    );
  });

  it('says how a wait ended', () => {
    const views = [{ worker, title: 'Alpha', lastMessage: null }];
    expect(waitText('ready', views, 10)).toMatch(/^The wait is over\.\n- "Alpha"/);
    expect(waitText('timed_out', views, 10)).toMatch(/^Timed out after 10 s/);
    expect(waitText('interrupted', views, 10)).toMatch(/^The wait was interrupted\./);
  });

  it('shows a stat and a diff, or says there are no changes', () => {
    const view = { worker, title: 'Alpha', lastMessage: null };
    expect(statusText(view, { stat: '', diff: '' })).toContain('No changes against its base yet.');
    const text = statusText(view, { stat: ' a.txt | 1 +\n', diff: '+hello\n' });
    expect(text).toContain(' a.txt | 1 +');
    expect(text).toContain('+hello');
  });

  it("refuses a failed gate with the tail of the check's output", () => {
    const text = gateRefusal(gate, () => 'Alpha');
    expect(text).toContain('`npm test` failed (exit code 2) on the combined work of "Alpha"');
    expect(text).toContain('FAIL b.test.ts');
    expect(text).toContain('earlier characters cut');
    expect(text.length).toBeLessThan(4_000);
  });

  it('refuses conflicts with their paths and a missing check with what to do', () => {
    expect(gateRefusal({ ...gate, status: 'conflict', conflicts: ['c.txt', 'd.txt'] }, () => '')).toContain(
      'Conflicting paths: c.txt, d.txt.',
    );
    expect(gateRefusal({ ...gate, status: 'not_run', check: null }, () => '')).toContain(
      'no check command configured',
    );
    expect(gateRefusal({ ...gate, status: 'passed' }, () => '')).toBe('');
  });
});
