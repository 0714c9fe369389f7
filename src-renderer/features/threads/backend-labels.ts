import { threadBackendSchema, type ThreadBackend } from '../../../src-shared/contract';

/** What each thread backend is called in the UI. */
export const BACKEND_LABELS: Record<ThreadBackend, string> = {
  builtin: 'Built-in',
  codex: 'Codex',
  claude: 'Claude Code',
};

/** The backends in the order menus list them. */
export const BACKEND_OPTIONS: readonly ThreadBackend[] = threadBackendSchema.options;

export function backendLabel(backend: string): string {
  return (BACKEND_LABELS as Record<string, string>)[backend] ?? backend;
}

/**
 * What `thread/start` gets for the Agent select: nothing while the person left it on the
 * repository's default (the host resolves it, and a default changed meanwhile still applies).
 */
export function backendForStart(chosen: ThreadBackend | null): { backend?: ThreadBackend } {
  return chosen === null ? {} : { backend: chosen };
}
