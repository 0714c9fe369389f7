import { afterEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../src-shared/contract';
import {
  approvalsOfThread,
  sortApprovals,
  useApprovals,
} from '../../src-renderer/features/approvals/approvals-slice';

function approval(id: string, threadId: string, createdAt: number, fields: Partial<Approval> = {}): Approval {
  return {
    id,
    threadId,
    turnId: 'turn',
    itemId: null,
    kind: 'command',
    tool: 'shell',
    command: 'npm install',
    patch: null,
    arguments: '{}',
    cwd: '/w',
    reason: null,
    policyReason: 'Runs outside the sandbox.',
    suggestedPrefix: ['npm', 'install'],
    status: 'pending',
    decision: null,
    createdAt,
    resolvedAt: null,
    ...fields,
  };
}

afterEach(() => {
  useApprovals.setState({ pending: {}, inboxOpen: false });
});

describe('pending approvals', () => {
  it('keeps only pending ones, oldest first, and drops resolved ones', () => {
    const store = useApprovals.getState();
    store.setAll([
      approval('b', 't1', 20),
      approval('a', 't2', 10),
      approval('x', 't1', 5, { status: 'approved' }),
    ]);
    store.requested(approval('c', 't1', 30));
    expect(sortApprovals(useApprovals.getState().pending).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(approvalsOfThread(useApprovals.getState().pending, 't1').map((a) => a.id)).toEqual(['b', 'c']);
    store.resolved('b');
    store.resolved('unknown');
    expect(Object.keys(useApprovals.getState().pending).sort()).toEqual(['a', 'c']);
  });
});
