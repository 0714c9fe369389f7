import { useEffect, useId, useRef, useState } from 'react';
import type { SkillDetail, SkillProblem, SkillScope } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { SKILL_SCOPES, folderName, isRepoScope, problemText, scopeLabel } from './skill-labels';
import { SkillSourceEditor } from './skill-source-editor';
import { useLiveValidation } from './use-live-validation';
import type { SkillContext } from './use-skill-list';
import { DiskChangeBanner, useDiskChanges } from './disk-changes';
import { ScopeSelect } from './scope-select';
import { useSkillsVersion } from './skills-slice';

interface SkillEditorViewProps {
  path: string;
  context: SkillContext;
  onOpen: (path: string) => void;
  onDeleted: (message: string) => void;
  /** Told whenever the text starts or stops differing from what is saved. */
  onDirtyChange: (dirty: boolean) => void;
}

type Reveal = (line: number, column: number | null) => void;

function ProblemList({ problems, onReveal }: { problems: readonly SkillProblem[]; onReveal: Reveal }) {
  if (problems.length === 0) return <p className="skill-valid">No problems: the agent can use this skill.</p>;
  return (
    <ul className="skill-problem-list" aria-label="Problems">
      {problems.map((problem, index) => (
        <li key={index} className={`skill-problem ${problem.severity}`}>
          <span className="skill-problem-severity">{problem.severity === 'error' ? 'Error' : 'Warning'}</span>{' '}
          {problem.line === null ? (
            problemText(problem)
          ) : (
            <button
              type="button"
              className="skill-problem-link"
              title="Go to this line"
              onClick={() => problem.line !== null && onReveal(problem.line, problem.column)}
            >
              {problemText(problem)}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function SkillActions({
  detail,
  context,
  onOpen,
  onDeleted,
  dirty,
}: Omit<SkillEditorViewProps, 'path' | 'onDirtyChange'> & { detail: SkillDetail; dirty: boolean }) {
  const action = useAsyncAction();
  const [newName, setNewName] = useState(detail.skill.name);
  const [copyScope, setCopyScope] = useState<SkillScope>(detail.skill.scope === 'user' ? 'codex' : 'user');
  const renameId = useId();
  const path = detail.skill.path;
  const client = () => requireClient().api.skills;
  const copyScopes = SKILL_SCOPES.filter(
    (s) => s !== detail.skill.scope && (!isRepoScope(s) || context.projectId),
  );
  return (
    <div className="skill-actions">
      <div className="skill-action-row">
        <label htmlFor={renameId} className="field-label">
          New name
        </label>
        <input
          id={renameId}
          className="text-input"
          value={newName}
          onChange={(event) => setNewName(event.target.value)}
        />
        <button
          type="button"
          className="button small"
          disabled={action.pending || dirty || newName === detail.skill.name}
          title={dirty ? 'Save first' : undefined}
          onClick={() =>
            void action.run(async () => {
              const renamed = await client().rename({ path, newName, ...context });
              onOpen(renamed.skill.path);
            })
          }
        >
          Rename
        </button>
        <button
          type="button"
          className="button small"
          disabled={action.pending || dirty}
          title={dirty ? 'Save first' : undefined}
          onClick={() =>
            void action.run(async () => {
              const copy = await client().duplicate({ path, ...context });
              onOpen(copy.skill.path);
            })
          }
        >
          Duplicate
        </button>
      </div>
      <div className="skill-action-row">
        <ScopeSelect label="Copy to" value={copyScope} scopes={copyScopes} onChange={setCopyScope} />
        <button
          type="button"
          className="button small"
          disabled={action.pending || dirty || copyScopes.length === 0}
          title={dirty ? 'Save first' : undefined}
          onClick={() =>
            void action.run(async () => {
              const copy = await client().copyTo({ path, scope: copyScope, ...context });
              onOpen(copy.skill.path);
            })
          }
        >
          Copy
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={action.pending}
          title="Moves the folder to Skein's skill trash; restore it from Trash"
          onClick={() =>
            void action.run(async () => {
              await client().delete({ path, ...context });
              onDeleted(`Moved ${detail.skill.name} to the skill trash; restore it from Trash.`);
            })
          }
        >
          Delete (to trash)
        </button>
      </div>
      <InlineError message={action.error} />
    </div>
  );
}

function LoadedEditor({
  detail,
  context,
  onOpen,
  onDeleted,
  onDirtyChange,
}: Omit<SkillEditorViewProps, 'path'> & { detail: SkillDetail }) {
  const [text, setText] = useState<string | null>(null);
  const [savedText, setSavedText] = useState(detail.content);
  const folder = folderName(detail.skill.path);
  const live = useLiveValidation(text, folder, detail.skill.problems);
  const save = useAsyncAction();
  const [saved, setSaved] = useState<string | null>(null);
  const dirty = text !== null && text !== savedText;
  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);
  const { skill } = detail;
  const revealRef = useRef<Reveal | null>(null);
  const replaceRef = useRef<((text: string) => void) | null>(null);
  const disk = useDiskChanges(detail.content, text ?? savedText, savedText, (content) => {
    setSavedText(content);
    replaceRef.current?.(content);
  });
  const doSave = () => {
    if (save.pending) return;
    void save.run(async () => {
      const content = text ?? savedText;
      const result = await requireClient().api.skills.save({ path: skill.path, content, ...context });
      setSavedText(content);
      setSaved(
        result.problems.some((p) => p.severity === 'error')
          ? 'Saved, with errors: the agent leaves this skill out until they are fixed.'
          : 'Saved.',
      );
    });
  };
  return (
    <div className="skill-editor-view">
      <div className="skill-editor-head">
        <span className={`skill-scope skill-scope-${skill.scope}`}>{scopeLabel(skill.scope)}</span>
        <span className="skill-path mono" title={skill.path}>
          {skill.path}
        </span>
      </div>
      <div className="skill-editor-columns">
        <div className="skill-editor-main">
          <SkillSourceEditor
            initial={detail.content}
            problems={live.problems}
            label={`SKILL.md of ${skill.name}`}
            revealRef={revealRef}
            replaceRef={replaceRef}
            onSave={doSave}
            onChange={(value) => {
              setText(value);
              setSaved(null);
              disk.edited();
            }}
          />
          <DiskChangeBanner disk={disk} />
          <div className="skill-save-row">
            <button
              type="button"
              className="button small primary"
              disabled={!dirty || save.pending}
              onClick={doSave}
            >
              Save
            </button>
            <span role="status" className="skill-save-status">
              {saved ?? disk.note ?? (dirty ? 'Unsaved changes' : '')}
            </span>
          </div>
          <InlineError message={save.error ?? live.error} />
          <ProblemList
            problems={live.problems}
            onReveal={(line, column) => revealRef.current?.(line, column)}
          />
        </div>
        <aside className="skill-editor-side" aria-label="Files">
          <h3 className="skill-side-title">Files</h3>
          <ul className="skill-files">
            <li className="mono">SKILL.md</li>
            {skill.files.map((file) => (
              <li key={file.path} className="mono" title={`${file.kind}, ${file.size} bytes`}>
                {file.path}
              </li>
            ))}
          </ul>
          <SkillActions
            detail={detail}
            context={context}
            onOpen={onOpen}
            onDeleted={onDeleted}
            dirty={dirty}
          />
        </aside>
      </div>
    </div>
  );
}

/** One skill: SKILL.md in Monaco with live validation, its files, and what can be done with it. */
export function SkillEditorView({ path, context, onOpen, onDeleted, onDirtyChange }: SkillEditorViewProps) {
  const client = useSession((s) => s.client);
  // Fetched again on every change on disk, so an open skill shows what another editor wrote.
  const version = useSkillsVersion((s) => s.version);
  const [detail, setDetail] = useState<SkillDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { projectId, threadId } = context;
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    client.api.skills.get({ path, projectId, threadId }).then(
      (result) => {
        if (cancelled) return;
        setDetail(result);
        setError(null);
      },
      (caught: unknown) => !cancelled && setError(caught instanceof Error ? caught.message : String(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, path, projectId, threadId, version]);
  if (error && !detail) return <InlineError message={error} />;
  if (!detail) return <p role="status">Loading the skill…</p>;
  return (
    <>
      {error && (
        <p className="inline-error" role="alert">
          This skill can no longer be read from disk (moved or deleted outside Skein?): {error} Your text
          stays here until you close it.
        </p>
      )}
      <LoadedEditor
        key={path}
        detail={detail}
        context={context}
        onOpen={onOpen}
        onDeleted={onDeleted}
        onDirtyChange={onDirtyChange}
      />
    </>
  );
}
