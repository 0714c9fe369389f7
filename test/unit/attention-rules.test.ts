import { describe, expect, it } from 'vitest';
import {
  attentionFor,
  type AttentionContext,
  type AttentionEvent,
} from '../../src-renderer/features/attention/attention-rules';

const away: AttentionContext = { threadTitle: 'Fix login', watchedThreadId: 't1', windowFocused: false };
const watching: AttentionContext = { ...away, windowFocused: true };

const approval: AttentionEvent = {
  type: 'approval',
  threadId: 't1',
  approval: { kind: 'command', command: 'npm test', tool: 'shell' },
};
const budget: AttentionEvent = { type: 'budget', threadId: 't1', message: 'Paused: this thread reached…' };
const ended = (
  status: 'completed' | 'failed' | 'interrupted',
  error: string | null = null,
): AttentionEvent => ({
  type: 'turn-ended',
  threadId: 't1',
  status,
  error,
});

describe('what to notify', () => {
  it('tells "needs you" for approvals, budgets and questions, naming the thread', () => {
    expect(attentionFor(approval, away)).toEqual({
      kind: 'needs-you',
      threadId: 't1',
      title: 'Fix login needs you',
      body: 'Approve running: npm test',
    });
    expect(attentionFor(budget, away)).toMatchObject({
      kind: 'needs-you',
      body: 'Paused: this thread reached…',
    });
    expect(attentionFor({ type: 'input', threadId: 't1', agentName: 'Claude Code' }, away)).toMatchObject({
      kind: 'needs-you',
      body: 'Claude Code is waiting for your answer.',
    });
    expect(
      attentionFor({ ...approval, approval: { kind: 'patch', command: null, tool: 'apply_patch' } }, away)
        ?.body,
    ).toBe('Approve changing files.');
  });

  it('tells "done" for a completed or failed turn, nothing for an interrupted one', () => {
    expect(attentionFor(ended('completed'), away)).toMatchObject({
      kind: 'done',
      title: 'Fix login is done',
    });
    expect(attentionFor(ended('failed', 'The provider answered 500'), away)).toMatchObject({
      kind: 'done',
      title: 'Fix login failed',
      body: 'The provider answered 500',
    });
    expect(attentionFor(ended('interrupted'), away)).toBeNull();
  });

  it('stays quiet about the thread the person is looking at in a focused window', () => {
    for (const event of [approval, budget, ended('completed'), ended('failed')])
      expect(attentionFor(event, watching)).toBeNull();
    // Another thread, or the same one with the window in the background, is told.
    expect(attentionFor(approval, { ...watching, watchedThreadId: 't2' })).not.toBeNull();
    expect(attentionFor(approval, { ...watching, windowFocused: false })).not.toBeNull();
  });

  it('names an unknown thread generically', () => {
    expect(attentionFor(ended('completed'), { ...away, threadTitle: null })?.title).toBe('A thread is done');
  });
});
