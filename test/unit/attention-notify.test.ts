import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationTarget, SkeinBridge } from '../../src-shared/bridge';
import type { Thread } from '../../src-shared/contract';
import { notifyAttention } from '../../src-renderer/features/attention/attention-notify';
import { useAttention } from '../../src-renderer/features/attention/attention-slice';
import { usePanes } from '../../src-renderer/features/layout/panes-slice';
import { useThreads } from '../../src-renderer/features/threads/threads-slice';

const globals = globalThis as { window?: { skein?: Partial<SkeinBridge> } };
const thread = (id: string, title: string) => ({ id, title, projectId: 'p1' }) as Thread;

beforeEach(() => {
  // "Done" toasts fade on a timer.
  vi.useFakeTimers();
  useThreads.setState({ byId: { t1: thread('t1', 'Fix login'), t2: thread('t2', 'Docs') } });
  usePanes.setState({ panes: ['t2'], focused: 0 });
  useAttention.setState({ toasts: [] });
});
afterEach(() => {
  delete globals.window;
  vi.useRealTimers();
});

describe('delivering a notification', () => {
  it('goes to the desktop bridge with the thread as its click target', () => {
    const sent: [string, string, NotificationTarget | undefined][] = [];
    globals.window = { skein: { notify: (title, body, target) => void sent.push([title, body, target]) } };
    notifyAttention({ type: 'budget', threadId: 't1', message: 'Paused: over budget.' });
    expect(sent).toEqual([
      ['Fix login needs you', 'Paused: over budget.', { threadId: 't1', kind: 'needs-you' }],
    ]);
    expect(useAttention.getState().toasts).toEqual([]);
  });

  it('falls back to an in-app toast in a browser without notification permission', () => {
    notifyAttention({ type: 'turn-ended', threadId: 't1', status: 'completed', error: null });
    notifyAttention({ type: 'turn-ended', threadId: 't1', status: 'failed', error: 'Boom' });
    const toasts = useAttention.getState().toasts;
    // The newer notice about a thread replaces the older one.
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({
      kind: 'done',
      threadId: 't1',
      title: 'Fix login failed',
      body: 'Boom',
    });
  });
});
