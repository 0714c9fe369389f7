import { useId, useState, type FormEvent } from 'react';
import type { Approval, ApprovalDecision } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { useAsyncAction } from '../../lib/use-async-action';
import { DiffView } from '../conversation/diff-view';
import { useThreads } from '../threads/threads-slice';
import { respondToApproval } from './approval-actions';

function subject(approval: Approval): string {
  if (approval.kind === 'command' && approval.command) return approval.command;
  if (approval.kind === 'patch') return 'a file change';
  return `the ${approval.tool} tool`;
}

interface ApprovalCardProps {
  approval: Approval;
  /** In the inbox: name the thread, as a way to open it. In a conversation the thread is evident. */
  onOpenThread?: () => void;
}

/** One question the agent is waiting on: what exactly, where, why, and the answers. */
export function ApprovalCard({ approval, onOpenThread }: ApprovalCardProps) {
  const threadTitle = useThreads((s) => s.byId[approval.threadId]?.title ?? 'a thread');
  const { pending, error, run } = useAsyncAction();
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const answer = (decision: ApprovalDecision, message?: string) =>
    void run(() => respondToApproval(approval.id, decision, message));
  const prefix = approval.suggestedPrefix?.join(' ');

  const decline = (event: FormEvent) => {
    event.preventDefault();
    answer('decline', note);
  };

  return (
    <article className="approval-card" aria-label={`Approval request from ${threadTitle}`}>
      <header className="approval-header">
        <span className="approval-kind">
          {approval.kind === 'command'
            ? 'Run a command'
            : approval.kind === 'patch'
              ? 'Change files'
              : 'Use a tool'}
        </span>
        {onOpenThread && (
          <button
            type="button"
            className="link-button approval-thread"
            aria-label={`Open ${threadTitle}`}
            title="Show this thread"
            onClick={onOpenThread}
          >
            {threadTitle}
          </button>
        )}
      </header>
      {approval.kind === 'command' && approval.command !== null ? (
        <pre className="approval-command" aria-label="Command">
          $ {approval.command}
        </pre>
      ) : approval.kind === 'patch' && approval.patch !== null ? (
        // In a conversation the file-change item just above already shows this patch.
        onOpenThread || approval.itemId === null ? (
          <DiffView diff={approval.patch} label="Patch" />
        ) : (
          <p className="item-note">The change shown above.</p>
        )
      ) : (
        <pre className="approval-command" aria-label="Arguments">
          {approval.arguments}
        </pre>
      )}
      <dl className="approval-facts">
        <dt>Folder</dt>
        <dd>
          <code>{approval.cwd}</code>
        </dd>
        {approval.reason && (
          <>
            <dt>Agent&apos;s reason</dt>
            <dd>{approval.reason}</dd>
          </>
        )}
        <dt>Why asked</dt>
        <dd>{approval.policyReason}</dd>
      </dl>
      <div className="approval-actions" role="group" aria-label={`Answers for ${subject(approval)}`}>
        <button
          type="button"
          className="button small primary"
          disabled={pending}
          onClick={() => answer('approve_once')}
        >
          Approve once
        </button>
        <button
          type="button"
          className="button small"
          disabled={pending}
          onClick={() => answer('approve_for_thread')}
        >
          Approve for this thread
        </button>
        {approval.kind === 'command' && prefix && (
          <button
            type="button"
            className="button small"
            disabled={pending}
            title={`Stores a rule: commands starting with "${prefix}" run without asking, in every thread`}
            onClick={() => answer('always_allow_prefix')}
          >
            Always allow this command prefix
            <code className="approval-prefix">{prefix}</code>
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={pending}
          aria-expanded={declining}
          onClick={() => setDeclining(!declining)}
        >
          Decline
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={pending}
          onClick={() => answer('abort_turn')}
        >
          Abort turn
        </button>
      </div>
      {declining && (
        <form className="decline-form" onSubmit={decline}>
          <label htmlFor={noteId} className="field-label">
            Message to the agent (optional)
          </label>
          <div className="field-row">
            <input
              id={noteId}
              className="text-input"
              value={note}
              maxLength={4_000}
              autoFocus
              placeholder="e.g. Use the test script instead"
              onChange={(event) => setNote(event.target.value)}
            />
            <button type="submit" className="button small" disabled={pending}>
              Send decline
            </button>
          </div>
        </form>
      )}
      <InlineError message={error} />
    </article>
  );
}
