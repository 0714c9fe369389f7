import { useEffect, useRef, useState } from 'react';

export interface DiskChanges {
  /** The text on disk that differs from the user's unsaved edits; null when there is no such conflict. */
  conflict: string | null;
  /** A short sentence after a quiet reload. */
  note: string | null;
  reload: () => void;
  keepMine: () => void;
  /** The user typed: a reload note no longer describes the text. */
  edited: () => void;
}

/**
 * Follows SKILL.md on disk while it is open. Unchanged edits take the new text at once; unsaved
 * edits are never replaced without the user's word: they get a choice instead.
 */
export function useDiskChanges(
  onDisk: string,
  current: string,
  saved: string,
  apply: (content: string) => void,
): DiskChanges {
  const [conflict, setConflict] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const seen = useRef(onDisk);
  const latest = useRef({ current, saved, apply });
  // Updated before the effect below runs (effects run in order), so it reads this render's values.
  useEffect(() => {
    latest.current = { current, saved, apply };
  });

  useEffect(() => {
    if (onDisk === seen.current) return;
    seen.current = onDisk;
    const { current: text, saved: savedText, apply: take } = latest.current;
    // Our own save coming back, or the same text written elsewhere: nothing to decide.
    if (onDisk === text) {
      if (onDisk !== savedText) take(onDisk);
      setConflict(null);
      return;
    }
    if (text === savedText) {
      take(onDisk);
      setConflict(null);
      setNote('Reloaded: SKILL.md changed on disk.');
      return;
    }
    setConflict(onDisk);
  }, [onDisk]);

  return {
    conflict,
    note,
    reload: () => {
      if (conflict === null) return;
      apply(conflict);
      setConflict(null);
      setNote('Reloaded from disk; your edits were dropped (undo brings them back).');
    },
    keepMine: () => setConflict(null),
    edited: () => setNote(null),
  };
}

/** Shown while unsaved edits and a change on disk disagree. */
export function DiskChangeBanner({ disk }: { disk: DiskChanges }) {
  if (disk.conflict === null) return null;
  return (
    <div className="skill-disk-banner" role="alert">
      <span>SKILL.md changed on disk while you were editing it.</span>
      <button type="button" className="button small" onClick={disk.reload}>
        Reload from disk
      </button>
      <button type="button" className="button small" onClick={disk.keepMine}>
        Keep my edits
      </button>
    </div>
  );
}
