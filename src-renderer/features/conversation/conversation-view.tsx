import { useCallback } from 'react';
import type { Thread, ThreadStatus } from '../../../src-shared/contract';
import { ThreadAgentBar } from '../agent-settings/thread-agent-bar';
import { ThreadApprovals } from '../approvals/thread-approvals';
import { Composer } from './composer';
import { useConversation } from './conversation-slice';
import { userMessages } from './transcript-fold';
import { TranscriptList } from './transcript-list';
import { useThreadTranscript } from './use-thread-transcript';

/** Statuses in which a turn is under way: the composer steers, and Interrupt is offered. */
const RUNNING: ReadonlySet<ThreadStatus> = new Set(['working', 'waiting_approval']);

function blockedReason(status: ThreadStatus): string | null {
  switch (status) {
    case 'creating':
    case 'setting_up':
      return 'The worktree is being prepared…';
    case 'setup_failed':
      return 'Setup failed; fix it in the terminal first.';
    case 'missing':
      return "This thread's worktree is missing.";
    case 'archived':
      return 'This thread is archived.';
    case 'ready':
    case 'working':
    case 'waiting_approval':
    case 'done':
    case 'error':
      return null;
  }
}

/** A thread's conversation with its agent: the transcript, pending questions and the composer. */
export function ConversationView({ thread }: { thread: Thread }) {
  const loaded = useThreadTranscript(thread.id);
  const threadId = thread.id;
  const history = useCallback(() => {
    const current = useConversation.getState().byThread[threadId];
    return current ? userMessages(current) : [];
  }, [threadId]);
  const running = RUNNING.has(thread.status);

  return (
    <div className="conversation">
      <ThreadAgentBar threadId={thread.id} threadTitle={thread.title} />
      {loaded ? (
        <TranscriptList
          threadId={thread.id}
          threadTitle={thread.title}
          empty={
            <div className="conversation-empty">
              <p>Give the agent a task. It works in this thread&apos;s worktree, on branch</p>
              <code>{thread.branch}</code>
            </div>
          }
          tail={
            <>
              <ThreadApprovals threadId={thread.id} />
              {thread.status === 'working' && (
                <p className="working-indicator" role="status">
                  <span className="spinner" aria-hidden="true" /> Working…
                </p>
              )}
            </>
          }
        />
      ) : (
        <p className="pane-empty">Loading the conversation…</p>
      )}
      <Composer
        threadId={thread.id}
        running={running}
        blockedReason={blockedReason(thread.status)}
        history={history}
      />
    </div>
  );
}
