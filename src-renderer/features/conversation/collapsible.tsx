import { useId, useState, type ReactNode } from 'react';

interface CollapsibleProps {
  /** The accessible name of the toggle; the visible summary may say more. */
  label: string;
  summary: ReactNode;
  /** Open until the user toggles it (e.g. while a command runs). */
  defaultOpen?: boolean;
  className?: string;
  children: ReactNode;
}

/** A disclosure: a button with aria-expanded that shows or hides its body. */
export function Collapsible({ label, summary, defaultOpen = false, className, children }: CollapsibleProps) {
  const [userChoice, setUserChoice] = useState<boolean | null>(null);
  const open = userChoice ?? defaultOpen;
  const bodyId = useId();
  return (
    <div className={`collapsible ${className ?? ''}${open ? ' open' : ''}`}>
      <button
        type="button"
        className="collapsible-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        aria-label={label}
        onClick={() => setUserChoice(!open)}
      >
        <span className="collapsible-chevron" aria-hidden="true">
          ▸
        </span>
        {summary}
      </button>
      {open && (
        <div id={bodyId} className="collapsible-body">
          {children}
        </div>
      )}
    </div>
  );
}
