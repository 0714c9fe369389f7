import type { GitQueue } from '../git';

/** Paths per `ls-files` call, well under any system's argument-length limit. */
const PATHS_PER_CALL = 500;

function nulList(output: string): string[] {
  return output
    .split('\0')
    .map((path) => path.replace(/^\n+/, ''))
    .filter((path) => path !== '');
}

/**
 * Untracked (or ignored) files a rebase from `head` onto `onto` would write over. Git's autostash
 * sets aside tracked changes only, and a checkout overwrites ignored files without asking; neither
 * kind is in Skein's snapshot of the work (ignored files never are), so such files stop the rebase
 * before it starts. The rebase writes the paths that differ between `head` and `onto`, and those
 * the thread's replayed commits touch.
 */
export async function untrackedInTheWay(
  git: GitQueue,
  worktree: string,
  head: string,
  onto: string,
): Promise<string[]> {
  const [changed, replayed] = await Promise.all([
    git.run(['diff', '--no-ext-diff', '--name-only', '-z', '--no-renames', head, onto, '--'], {
      cwd: worktree,
    }),
    git.run(['log', '--format=', '--name-only', '-z', '--no-renames', `${onto}..${head}`, '--'], {
      cwd: worktree,
    }),
  ]);
  const candidates = [...new Set([...nulList(changed.stdout), ...nulList(replayed.stdout)])];
  const inTheWay: string[] = [];
  for (let start = 0; start < candidates.length; start += PATHS_PER_CALL) {
    const chunk = candidates.slice(start, start + PATHS_PER_CALL);
    // Without --exclude-standard, --others lists ignored files too.
    const { stdout } = await git.run(['ls-files', '-z', '--others', '--', ...chunk], {
      cwd: worktree,
      env: { GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' },
    });
    inTheWay.push(...nulList(stdout));
  }
  return inTheWay;
}
