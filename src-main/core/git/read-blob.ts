import type { GitPriority, GitQueue } from './types';

/** The content of `<tree-ish>:<path>` as UTF-8 text. */
export async function readBlobAt(
  git: GitQueue,
  cwd: string,
  treeish: string,
  path: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<string> {
  const { stdout } = await git.run(['cat-file', 'blob', `${treeish}:${path}`], { cwd, ...options });
  return stdout;
}
