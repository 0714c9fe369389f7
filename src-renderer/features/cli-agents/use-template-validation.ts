import { useEffect, useState } from 'react';
import type { CliAgentTemplateInput, CliAgentTemplateProblem } from '../../../src-shared/contract';
import { useSession } from '../../lib/session';

/** Quiet time after the last keystroke before asking the host: a typing pause, not every key. */
const VALIDATE_DEBOUNCE_MS = 300;

/**
 * The host's problems for a template being written (`cliAgents/validateTemplate`), debounced. An
 * empty executable is left to the form (the schema would refuse the request itself).
 */
export function useTemplateValidation(input: CliAgentTemplateInput): {
  problems: readonly CliAgentTemplateProblem[];
  error: string | null;
  /** True once the answer matches the input shown (Save waits for it). */
  current: boolean;
} {
  const client = useSession((s) => s.client);
  const key = JSON.stringify(input);
  const [state, setState] = useState<{
    key: string;
    problems: readonly CliAgentTemplateProblem[];
    error: string | null;
  }>({ key: '', problems: [], error: null });

  useEffect(() => {
    if (!client) return;
    const template = JSON.parse(key) as CliAgentTemplateInput;
    if (template.executable.trim() === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client.api.cliAgents.validateTemplate(template).then(
        (result) => {
          if (!cancelled) setState({ key, problems: result.problems, error: null });
        },
        (error: unknown) => {
          if (!cancelled)
            setState({ key, problems: [], error: error instanceof Error ? error.message : String(error) });
        },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, key]);

  return { problems: state.problems, error: state.error, current: state.key === key };
}
