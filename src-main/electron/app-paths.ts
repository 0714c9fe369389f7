import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Files the built app uses, relative to the folder of out/main/index.js. */
export interface AppPaths {
  preload: string;
  rendererIndex: string;
  cli: string;
  /** Unpackaged only: the repository, and the CLI's source for running the host through tsx. */
  repoRoot: string;
  cliSource: string;
}

export function appPaths(mainDir: string): AppPaths {
  const repoRoot = join(mainDir, '..', '..');
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
    cli: join(mainDir, '..', 'cli', 'skein.js'),
    repoRoot,
    cliSource: join(repoRoot, 'src-main', 'host', 'cli.ts'),
  };
}

/**
 * Decides whether a URL is one of the app's own pages: the built index.html (any hash or query, since
 * the renderer routes with them), or in development any page of the Vite dev server's origin.
 */
export function createAppUrlMatcher(options: {
  rendererIndex: string;
  devServerUrl?: string;
}): (url: string) => boolean {
  const indexUrl = pathToFileURL(options.rendererIndex);
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin !== null) return parsed.origin === devOrigin;
    return (
      parsed.protocol === 'file:' && parsed.host === indexUrl.host && parsed.pathname === indexUrl.pathname
    );
  };
}
