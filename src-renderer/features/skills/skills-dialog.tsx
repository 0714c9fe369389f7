import { useCallback, useState } from 'react';
import { Modal, ModalActions } from '../../app/ui/modal';
import { useProjects } from '../projects/projects-slice';
import { useThreads } from '../threads/threads-slice';
import { SkillCreateForm } from './skill-create-form';
import { SkillEditorView } from './skill-editor-view';
import { SkillImportView } from './skill-import-view';
import { SkillListView } from './skill-list-view';
import { SkillTrashView } from './skill-trash-view';
import { useSkillList, type SkillContext } from './use-skill-list';
import './skills.css';

type View =
  | { kind: 'list' }
  | { kind: 'edit'; path: string }
  | { kind: 'create' }
  | { kind: 'trash' }
  | { kind: 'import' };

const TABS: { kind: 'list' | 'create' | 'import' | 'trash'; label: string }[] = [
  { kind: 'list', label: 'All skills' },
  { kind: 'create', label: 'New skill' },
  { kind: 'import', label: 'Import' },
  { kind: 'trash', label: 'Trash' },
];

/** Every skill Skein sees for a project (or one thread of it): list, edit, create, import, trash. */
export function SkillsDialog({ context, onClose }: { context: SkillContext; onClose: () => void }) {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const list = useSkillList(context);
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  /** Where the user asked to go while the editor had unsaved changes, waiting for their answer. */
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const guard = (go: () => void) => {
    if (dirty) setLeaving(() => go);
    else go();
  };
  const project = useProjects((s) => (context.projectId ? s.byId[context.projectId] : undefined));
  const thread = useThreads((s) => (context.threadId ? s.byId[context.threadId] : undefined));
  const title = thread ? `Skills for ${thread.title}` : project ? `Skills for ${project.name}` : 'Skills';
  const open = (path: string) => {
    setNotice(null);
    setView({ kind: 'edit', path });
  };
  const backToList = (message: string) => {
    setNotice(message);
    setView({ kind: 'list' });
  };

  return (
    <Modal title={title} onClose={() => guard(onClose)} size="wide">
      <div className="skills-dialog">
        <div className="dialog-tabs" role="toolbar" aria-label="Skill views">
          {TABS.map((tab) => (
            <button
              key={tab.kind}
              type="button"
              className={view.kind === tab.kind ? 'dialog-tab selected' : 'dialog-tab'}
              aria-pressed={view.kind === tab.kind}
              onClick={() =>
                guard(() => {
                  setNotice(null);
                  setView({ kind: tab.kind });
                })
              }
            >
              {tab.label}
            </button>
          ))}
          {!context.projectId && (
            <span className="skills-context-note">
              Open from a repository to see its skills and enable them.
            </span>
          )}
        </div>
        {leaving && (
          <div className="skills-leave" role="alert">
            <span>SKILL.md has unsaved changes.</span>
            <button
              type="button"
              className="button small danger"
              onClick={() => {
                const go = leaving;
                setLeaving(null);
                setDirty(false);
                go();
              }}
            >
              Discard changes
            </button>
            <button type="button" className="button small" onClick={() => setLeaving(null)}>
              Keep editing
            </button>
          </div>
        )}
        {notice && (
          <p role="status" className="skills-notice">
            {notice}
          </p>
        )}
        {list.error && (
          <p className="inline-error" role="alert">
            {list.error}
          </p>
        )}
        {view.kind === 'list' &&
          (list.skills ? (
            <SkillListView skills={list.skills} context={context} onOpen={open} />
          ) : (
            !list.error && <p role="status">Loading skills…</p>
          ))}
        {view.kind === 'edit' && (
          <SkillEditorView
            key={view.path}
            path={view.path}
            context={context}
            onOpen={open}
            onDeleted={backToList}
            onDirtyChange={onDirtyChange}
          />
        )}
        {view.kind === 'create' && <SkillCreateForm context={context} onCreated={open} />}
        {view.kind === 'import' && <SkillImportView context={context} onImported={backToList} />}
        {view.kind === 'trash' && <SkillTrashView />}
      </div>
      <ModalActions>
        <button type="button" className="button" onClick={() => guard(onClose)}>
          Close
        </button>
      </ModalActions>
    </Modal>
  );
}
