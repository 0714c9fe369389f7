import type { GitQueue } from './types';

export interface Remote {
  name: string;
  /** The fetch URL: the repository's address as the user knows it (and its web page's, for hosted ones). */
  url: string;
}

/** Parses `git remote -v`: `name<TAB>url (fetch|push)` lines. */
export function parseRemotes(output: string): Remote[] {
  const remotes = new Map<string, Remote>();
  for (const line of output.split('\n')) {
    const match = /^(\S+)\t(.*) \((fetch|push)\)$/.exec(line);
    if (!match) continue;
    const [, name = '', url = '', kind] = match;
    const known = remotes.get(name);
    if (!known) remotes.set(name, { name, url });
    else if (kind === 'fetch') known.url = url;
  }
  return [...remotes.values()];
}

export async function listRemotes(
  git: GitQueue,
  cwd: string,
  options: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Remote[]> {
  const { stdout } = await git.run(['remote', '-v'], { cwd, ...options });
  return parseRemotes(stdout);
}
