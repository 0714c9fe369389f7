import { useEffect, useState } from 'react';
import type { SkillTrashEntry } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { scopeLabel } from './skill-labels';
import { useSkillsVersion } from './skills-slice';

/** Deleted skills, newest first, each restorable to where it was. */
export function SkillTrashView() {
  const client = useSession((s) => s.client);
  const version = useSkillsVersion((s) => s.version);
  const [entries, setEntries] = useState<SkillTrashEntry[] | null>(null);
  const [reload, setReload] = useState(0);
  const load = useAsyncAction();
  const restore = useAsyncAction();
  const { run } = load;

  useEffect(() => {
    if (!client) return;
    void run(async () => {
      const result = await client.api.skills.trash({});
      setEntries([...result.entries].sort((a, b) => b.deletedAt - a.deletedAt));
    });
  }, [client, version, reload, run]);

  return (
    <div className="skill-trash">
      <InlineError message={load.error ?? restore.error} />
      {entries === null ? (
        <p role="status">Loading the trash…</p>
      ) : entries.length === 0 ? (
        <p className="skill-empty">The skill trash is empty.</p>
      ) : (
        <ul className="skill-list" aria-label="Deleted skills">
          {entries.map((entry) => (
            <li key={entry.id} className="skill-row" aria-label={`Deleted skill ${entry.name}`}>
              <div className="skill-row-main">
                <span className="skill-row-name">{entry.name}</span>
                <span className={`skill-scope skill-scope-${entry.scope}`}>{scopeLabel(entry.scope)}</span>
                <span className="skill-row-when">{new Date(entry.deletedAt).toLocaleString()}</span>
              </div>
              <p className="skill-row-description mono">{entry.originalPath}</p>
              <button
                type="button"
                className="button small"
                disabled={restore.pending}
                aria-label={`Restore ${entry.name}`}
                onClick={() =>
                  void restore.run(async () => {
                    await requireClient().api.skills.restore({ trashId: entry.id });
                    setReload((n) => n + 1);
                  })
                }
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
