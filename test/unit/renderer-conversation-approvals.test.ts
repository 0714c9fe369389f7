import { afterEach, describe, expect, it } from 'vitest';
import type { Approval } from '../../src-shared/contract';
import type { SkeinBridge } from '../../src-shared/bridge';
import { notifyApprovalRequested } from '../../src-renderer/features/approvals/approval-notification';
import {
  approvalsOfThread,
  sortApprovals,
  useApprovals,
} from '../../src-renderer/features/approvals/approvals-slice';
import { useThreads } from '../../src-renderer/features/threads/threads-slice';

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

const globals = globalThis as { window?: { skein?: Partial<SkeinBridge> } };

afterEach(() => {
  delete globals.window;
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

describe('desktop notification of a new approval', () => {
  it('names the thread and the exact command through the desktop bridge', () => {
    const sent: [string, string][] = [];
    globals.window = { skein: { notify: (title, body) => void sent.push([title, body]) } };
    useThreads.setState({
      byId: {
        t1: { id: 't1', title: 'Fix the build' } as ReturnType<typeof useThreads.getState>['byId'][string],
      },
    });
    notifyApprovalRequested(approval('a', 't1', 1));
    notifyApprovalRequested(
      approval('b', 't1', 2, { kind: 'patch', command: null, patch: '*** Begin Patch' }),
    );
    expect(sent).toEqual([
      ['Fix the build needs approval', 'Run: npm install'],
      ['Fix the build needs approval', 'Change files'],
    ]);
  });

  it('does nothing in a browser, which has no bridge', () => {
    expect(() => notifyApprovalRequested(approval('a', 't1', 1))).not.toThrow();
  });
});
