import { useId, useState } from 'react';
import type { RebaseConflictFile, RebaseState, Thread } from '../../../src-shared/contract';
import { useAsyncAction } from '../../lib/use-async-action';
import { askAgentToResolve, continueRebase, resolveConflict, showConversation } from './rebase-actions';
import { AbortRebaseDialog } from './rebase-dialogs';
import {
  agentBusyReason,
  conflictFileLabel,
  conflictStatusLabel,
  continueBlockedReason,
  plural,
  rebaseProgressLabel,
  shortCommit,
} from './rebase-labels';
import { isMarkersRefusal } from './rebase-resolution';
import { useRebase, type ThreadRebase } from './rebase-slice';
import { ThreeWayView } from './three-way-view';

interface ConflictRowProps {
  threadId: string;
  file: RebaseConflictFile;
  open: boolean;
  /** Why files cannot be marked now (the agent is working in the worktree), or null. */
  busy: string | null;
}

function ConflictRow({ threadId, file, open, busy }: ConflictRowProps) {
  const marking = useAsyncAction();
  const [markersLeft, setMarkersLeft] = useState(false);
  const mark = async (allowMarkers: boolean) => {
    setMarkersLeft(false);
    await marking.run(async () => {
      try {
        return await resolveConflict({
          threadId,
          path: file.path,
          ...(allowMarkers ? { allowMarkers } : {}),
        });
      } catch (error) {
        setMarkersLeft(isMarkersRefusal(error));
        throw error;
      }
    });
  };
  return (
    <li className={open ? 'rebase-file open' : 'rebase-file'}>
      <button
        type="button"
        className="rebase-file-open mono"
        aria-label={conflictFileLabel(file)}
        aria-pressed={open}
        title={open ? 'Close the three-way view' : 'Open in the three-way view'}
        onClick={() => useRebase.getState().update(threadId, { openPath: open ? null : file.path })}
      >
        {file.path}
      </button>
      <span className="rebase-file-status">
        {conflictStatusLabel(file.status)}
        {file.binary ? ', binary' : ''}
      </span>
      <button
        type="button"
        className="button small"
        title={busy ?? 'Keep the file as it is on disk now and mark it resolved'}
        aria-label={`Mark ${file.path} resolved`}
        disabled={marking.pending || busy !== null}
        onClick={() => void mark(false)}
      >
        Mark resolved
      </button>
      {marking.error && (
        <span className="rebase-inline-error" role="alert">
          {marking.error}
        </span>
      )}
      {markersLeft && (
        <button type="button" className="button small" onClick={() => void mark(true)}>
          Keep the markers and mark resolved
        </button>
      )}
    </li>
  );
}

function AgentNote({ thread, rebase }: { thread: Thread; rebase: ThreadRebase }) {
  if (rebase.agentTurnId === null && rebase.agentRounds === 0) return null;
  return (
    <p className="rebase-agent" role="status">
      {rebase.agentTurnId !== null
        ? 'The agent is resolving the conflicts; its turn shows in the conversation.'
        : "The agent's turn ended: check the result, then mark the files resolved."}{' '}
      <button type="button" className="link-button" onClick={() => showConversation(thread.id)}>
        Show conversation
      </button>
    </p>
  );
}

function RebaseHead({ thread, state }: { thread: Thread; state: RebaseState }) {
  if (!state.inProgress) {
    return (
      <div className="rebase-head">
        <strong className="rebase-title">
          Rebased onto {thread.base}, but putting the uncommitted work back conflicted
        </strong>
        {state.trashRef && <span className="rebase-hint">It is also kept at {state.trashRef}.</span>}
      </div>
    );
  }
  return (
    <div className="rebase-head">
      <strong className="rebase-title">
        Rebasing {thread.branch} onto {thread.base}
      </strong>
      <span className="rebase-step">{rebaseProgressLabel(state)}</span>
      {state.stoppedAt && (
        <span className="rebase-commit" title={state.stoppedAt.commit}>
          replaying <span className="mono">{shortCommit(state.stoppedAt.commit)}</span>{' '}
          {state.stoppedAt.subject}
        </span>
      )}
      {state.stashed && <span className="rebase-hint">Uncommitted work is set aside until the end.</span>}
    </div>
  );
}

function ContinueButton({
  thread,
  state,
  busy,
}: {
  thread: Thread;
  state: RebaseState;
  busy: string | null;
}) {
  const continuing = useAsyncAction();
  const reasonId = useId();
  const blocked = busy ?? continueBlockedReason(state);
  return (
    <>
      <button
        type="button"
        className="button small primary"
        disabled={blocked !== null || continuing.pending}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => void continuing.run(() => continueRebase(thread))}
      >
        {continuing.pending ? 'Continuing…' : 'Continue rebase'}
      </button>
      {blocked && (
        <span id={reasonId} className="rebase-hint">
          {blocked}
        </span>
      )}
      {continuing.error && (
        <span className="rebase-inline-error" role="alert">
          {continuing.error}
        </span>
      )}
    </>
  );
}

interface RebaseProgressProps {
  thread: Thread;
  rebase: ThreadRebase;
  state: RebaseState;
}

/** A rebase that stopped (or left conflicts behind): where it is, the conflicted files, the ways forward. */
export function RebaseProgress({ thread, rebase, state }: RebaseProgressProps) {
  const [aborting, setAborting] = useState(false);
  const asking = useAsyncAction();
  const busy = agentBusyReason(thread.status);
  const openFile = state.conflicts.find((f) => f.path === rebase.openPath) ?? null;

  return (
    <section
      className={openFile && !openFile.binary ? 'rebase-progress resolving' : 'rebase-progress'}
      role="region"
      aria-label={state.inProgress ? 'Rebase in progress' : 'Conflicts left by the rebase'}
    >
      <RebaseHead thread={thread} state={state} />
      {state.conflicts.length > 0 ? (
        <>
          <p className="rebase-count">{plural(state.conflicts.length, 'file')} in conflict</p>
          <ul className="rebase-files" aria-label="Conflicted files">
            {state.conflicts.map((file) => (
              <ConflictRow
                key={file.path}
                threadId={thread.id}
                file={file}
                open={file.path === rebase.openPath}
                busy={busy}
              />
            ))}
          </ul>
        </>
      ) : (
        <p className="rebase-count">Every conflict of this commit is resolved.</p>
      )}
      <div className="rebase-actions">
        {state.inProgress && <ContinueButton thread={thread} state={state} busy={busy} />}
        <span className="rebase-actions-spacer" />
        {state.conflicts.length > 0 && (
          <button
            type="button"
            className="button small"
            disabled={asking.pending || busy !== null || rebase.agentTurnId !== null}
            title={busy ?? "Hand the conflicted files to the thread's agent as a task"}
            onClick={() => void asking.run(() => askAgentToResolve(thread.id))}
          >
            Ask the agent to resolve
          </button>
        )}
        {state.inProgress && (
          <button
            type="button"
            className="button small danger"
            disabled={busy !== null}
            title={busy ?? 'Stop the rebase and put everything back as it was'}
            onClick={() => setAborting(true)}
          >
            Abort rebase
          </button>
        )}
      </div>
      <AgentNote thread={thread} rebase={rebase} />
      {asking.error && (
        <p className="rebase-error" role="alert">
          {asking.error}
        </p>
      )}
      {openFile && (
        <ThreeWayView
          key={`${openFile.path}:${state.stoppedAt?.commit ?? ''}:${rebase.agentRounds}`}
          thread={thread}
          file={openFile}
        />
      )}
      {aborting && <AbortRebaseDialog thread={thread} state={state} onClose={() => setAborting(false)} />}
    </section>
  );
}
