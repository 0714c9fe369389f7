import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Points `serve` at another built renderer (tests, custom builds). */
export const RENDERER_DIR_ENV = 'SKEIN_RENDERER_DIR';

/**
 * Where the built renderer may be: beside the bundled CLI (`out/cli/skein.js` -> `out/renderer`),
 * or under the repository root when this file runs from source through tsx.
 */
export function rendererRootCandidates(env: Readonly<Record<string, string | undefined>>): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromEnv = env[RENDERER_DIR_ENV];
  // An explicit choice is never second-guessed: if it is wrong, the user should hear so.
  if (fromEnv) return [resolve(fromEnv)];
  return [resolve(here, '..', 'renderer'), resolve(here, '..', '..', '..', 'out', 'renderer')];
}

/** The real path of the first candidate holding an index.html, or null. */
export function findRendererRoot(candidates: readonly string[]): string | null {
  for (const candidate of candidates) {
    if (existsSync(join(candidate, 'index.html'))) return realpathSync(candidate);
  }
  return null;
}
