import { useEffect, useState } from 'react';
import type { PublishInfo, PublishResult, Thread } from '../../../src-shared/contract';
import { InlineError, Modal, ModalActions } from '../../app/ui/modal';
import { requireClient } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';

function preferredRemote(info: PublishInfo): string {
  return info.remotes.find((r) => r.name === 'origin')?.name ?? info.remotes[0]?.name ?? '';
}

function PublishDone({ result, onClose }: { result: PublishResult; onClose: () => void }) {
  return (
    <>
      <p role="status">
        Pushed {result.branch} to {result.remote}.
      </p>
      {result.pullRequestUrl ? (
        <p>
          Pull request:{' '}
          <a href={result.pullRequestUrl} target="_blank" rel="noreferrer">
            {result.pullRequestUrl}
          </a>
        </p>
      ) : result.compareUrl ? (
        <p>
          Open a pull request:{' '}
          <a href={result.compareUrl} target="_blank" rel="noreferrer">
            {result.compareUrl}
          </a>
        </p>
      ) : null}
      {result.output && (
        <pre className="review-output mono" aria-label="Output of git push">
          {result.output}
        </pre>
      )}
      <ModalActions>
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </ModalActions>
    </>
  );
}

/** Pushes the thread's branch and, when the GitHub CLI is ready, opens a pull request. */
export function PublishDialog({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const [info, setInfo] = useState<PublishInfo | null>(null);
  const [remote, setRemote] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [draft, setDraft] = useState(false);
  const [result, setResult] = useState<PublishResult | null>(null);
  const loading = useAsyncAction();
  const publishing = useAsyncAction();
  const { run: runLoad } = loading;

  useEffect(() => {
    void runLoad(() => requireClient().api.thread.publishInfo({ threadId: thread.id })).then((loaded) => {
      if (!loaded) return;
      setInfo(loaded);
      setRemote(preferredRemote(loaded));
      setTitle(loaded.title);
      setBody(loaded.body);
    });
  }, [runLoad, thread.id]);

  const ghReady = info !== null && info.gh.installed && info.gh.loggedIn;
  const publish = async (pullRequest: boolean) => {
    const done = await publishing.run(() =>
      requireClient().api.thread.publish({
        threadId: thread.id,
        remote,
        pullRequest,
        ...(pullRequest ? { title, body, draft } : {}),
      }),
    );
    if (done) setResult(done);
  };

  const heading = `Publish ${thread.title}`;
  if (result) {
    return (
      <Modal title={heading} onClose={onClose}>
        <PublishDone result={result} onClose={onClose} />
      </Modal>
    );
  }
  return (
    <Modal title={heading} onClose={onClose}>
      {loading.pending && <p className="field-hint">Looking up remotes…</p>}
      {info && info.remotes.length === 0 && (
        <p className="review-note review-note-bad">
          This repository has no remotes. Add one with <code>git remote add</code>, then try again.
        </p>
      )}
      {info && info.remotes.length > 0 && (
        <>
          <label className="field-label" htmlFor={`${thread.id}-remote`}>
            Remote
          </label>
          <select
            id={`${thread.id}-remote`}
            className="select"
            value={remote}
            onChange={(event) => setRemote(event.target.value)}
          >
            {info.remotes.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name} ({r.url})
              </option>
            ))}
          </select>
          {ghReady ? (
            <>
              <label className="field-label" htmlFor={`${thread.id}-pr-title`}>
                Title
              </label>
              <input
                id={`${thread.id}-pr-title`}
                className="text-input"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
              <label className="field-label" htmlFor={`${thread.id}-pr-body`}>
                Description
              </label>
              <textarea
                id={`${thread.id}-pr-body`}
                className="review-textarea"
                rows={6}
                value={body}
                onChange={(event) => setBody(event.target.value)}
              />
              <label className="review-check">
                <input type="checkbox" checked={draft} onChange={(event) => setDraft(event.target.checked)} />
                Open as a draft
              </label>
            </>
          ) : (
            <p className="field-hint">
              {info.gh.installed
                ? 'The GitHub CLI is not logged in (run `gh auth login`), so Skein pushes the branch and, for GitHub, GitLab and Bitbucket remotes, links the page to open a pull request.'
                : 'The GitHub CLI (gh) is not installed, so Skein pushes the branch and, for GitHub, GitLab and Bitbucket remotes, links the page to open a pull request.'}
            </p>
          )}
        </>
      )}
      <InlineError message={loading.error ?? publishing.error} />
      <ModalActions>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        {ghReady && (
          <button
            type="button"
            className="button"
            disabled={publishing.pending || !remote}
            onClick={() => void publish(false)}
          >
            Push only
          </button>
        )}
        <button
          type="button"
          className="button primary"
          disabled={publishing.pending || !remote || (ghReady && !title.trim())}
          onClick={() => void publish(ghReady)}
        >
          {publishing.pending ? 'Publishing…' : ghReady ? 'Open pull request' : 'Push'}
        </button>
      </ModalActions>
    </Modal>
  );
}
