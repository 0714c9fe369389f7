import type { Monaco } from './monaco-setup';

let loading: Promise<Monaco> | null = null;

/** Loads the editor bundle once, on first use; a failed load can be retried. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco-setup').then(
    (module) => module.monaco,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
