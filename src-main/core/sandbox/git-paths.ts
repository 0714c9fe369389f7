import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The git metadata a command in `worktree` must not change: the worktree's `.git` entry (a folder,
 * or in a linked worktree a `gitdir:` pointer file), the per-worktree git dir it points to, and the
 * repository's common dir with its hooks and config. Read from the files themselves, without
 * spawning git, so wrapping a command costs no subprocess.
 */
export async function gitMetadataPaths(worktree: string, commonDirHint?: string): Promise<string[]> {
  const paths = new Set<string>();
  const entry = join(worktree, '.git');
  const entryStats = await lstat(entry).catch(() => null);
  if (entryStats) {
    paths.add(entry);
    if (entryStats.isFile()) {
      const gitDir = await pointedGitDir(entry, worktree);
      if (gitDir) {
        paths.add(gitDir);
        const common = await commonDirOf(gitDir);
        if (common) paths.add(common);
      }
    }
  }
  if (commonDirHint) {
    const common = await realpath(resolve(worktree, commonDirHint)).catch(() => null);
    if (common) paths.add(common);
  }
  return [...paths];
}

async function pointedGitDir(pointerFile: string, worktree: string): Promise<string | null> {
  const text = await readFile(pointerFile, 'utf8').catch(() => '');
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match?.[1]) return null;
  const target = isAbsolute(match[1]) ? match[1] : resolve(worktree, match[1]);
  return realpath(target).catch(() => null);
}

/** A linked worktree's git dir names the shared one in its `commondir` file (relative to itself). */
async function commonDirOf(gitDir: string): Promise<string | null> {
  const text = await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => null);
  if (text === null) return null;
  return realpath(resolve(gitDir, text.trim())).catch(() => null);
}
