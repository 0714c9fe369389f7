import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { usePanes } from '../features/layout/panes-slice';
import { sortProjects, useProjects } from '../features/projects/projects-slice';
import { liveThreadsInOrder, useThreads } from '../features/threads/threads-slice';
import { fuzzyFilter } from './fuzzy-match';
import { buildPaletteEntries, type PaletteEntry } from './palette-entries';
import { Modal } from './ui/modal';

/** Actions and threads behind one fuzzy search box (Mod+K / Mod+Shift+P). */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const projectsById = useProjects((s) => s.byId);
  const threadsById = useThreads((s) => s.byId);
  const paneCount = usePanes((s) => s.panes.length);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  const entries = useMemo(() => {
    const projects = sortProjects(projectsById);
    return buildPaletteEntries(projects, liveThreadsInOrder(projects, threadsById), paneCount);
  }, [projectsById, threadsById, paneCount]);
  const results = useMemo(
    () => fuzzyFilter(entries, query, (e) => `${e.label} ${e.hint ?? ''}`),
    [entries, query],
  );
  const current = Math.min(selected, Math.max(0, results.length - 1));

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    entry.run();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = Math.max(1, results.length);
    let next = current;
    if (event.key === 'ArrowDown') next = (current + 1) % count;
    else if (event.key === 'ArrowUp') next = (current - 1 + count) % count;
    else if (event.key === 'Enter') return choose(results[current]);
    else return;
    event.preventDefault();
    setSelected(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Modal title="Command palette" onClose={onClose} size="wide">
      <input
        className="text-input palette-input"
        role="combobox"
        aria-label="Search actions and threads"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={results.length > 0 ? optionId(current) : undefined}
        autoFocus
        placeholder="Type an action or a thread…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Results" className="palette-list">
        {results.map((entry, index) => (
          <li
            key={entry.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'palette-option selected' : 'palette-option'}
            onMouseMove={() => index !== current && setSelected(index)}
            onClick={() => choose(entry)}
          >
            <span className="palette-label">{entry.label}</span>
            {entry.group === 'Threads' && <span className="palette-tag">Thread</span>}
            {entry.hint && <span className="palette-hint">{entry.hint}</span>}
          </li>
        ))}
        {results.length === 0 && <li className="palette-empty">No matches</li>}
      </ul>
    </Modal>
  );
}
