import { useEffect, useState } from 'react';
import type { SkillProblem } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

/** Quiet time after the last keystroke before asking the host: a typing pause, not every key. */
const VALIDATE_DEBOUNCE_MS = 300;

/**
 * The host's problems for text being typed (`skills/validate`), debounced; `null` text keeps the
 * initial problems. A newer answer always replaces an older one.
 */
export function useLiveValidation(
  text: string | null,
  folder: string,
  initial: readonly SkillProblem[],
): { problems: readonly SkillProblem[]; error: string | null } {
  const client = useSession((s) => s.client);
  const [state, setState] = useState<{ problems: readonly SkillProblem[]; error: string | null }>({
    problems: initial,
    error: null,
  });

  useEffect(() => {
    if (text === null || !client) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client.api.skills.validate({ content: text, folderName: folder }).then(
        (result) => {
          if (!cancelled) setState({ problems: result.problems, error: null });
        },
        (error: unknown) => {
          if (!cancelled)
            setState((held) => ({ ...held, error: error instanceof Error ? error.message : String(error) }));
        },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, text, folder]);

  return state;
}
