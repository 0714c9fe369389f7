import type { GitQueue } from './types';

export interface CommitPerson {
  name: string;
  email: string;
  /** As git stores it, `<unix seconds> <+hhmm>`; `@`-prefixed it is a valid GIT_AUTHOR_DATE. */
  date: string;
}

export interface CommitInfo {
  tree: string;
  parents: string[];
  author: CommitPerson;
  committer: CommitPerson;
  /** The message exactly as stored (trailing newline included). */
  message: string;
}

function parsePerson(value: string): CommitPerson {
  const match = /^(.*) <([^>]*)> (\d+ [+-]\d{4})$/.exec(value);
  if (!match) return { name: value, email: '', date: '' };
  return { name: match[1] ?? '', email: match[2] ?? '', date: match[3] ?? '' };
}

/** Parses `git cat-file commit <id>`: header lines, an empty line, the message. */
export function parseCommitObject(raw: string): CommitInfo {
  const split = raw.indexOf('\n\n');
  const header = split < 0 ? raw : raw.slice(0, split);
  const info: CommitInfo = {
    tree: '',
    parents: [],
    author: { name: '', email: '', date: '' },
    committer: { name: '', email: '', date: '' },
    message: split < 0 ? '' : raw.slice(split + 2),
  };
  for (const line of header.split('\n')) {
    // Continuation lines (a signature's body) start with a space and belong to the previous header.
    if (line.startsWith(' ')) continue;
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') info.tree = value;
    else if (key === 'parent') info.parents.push(value);
    else if (key === 'author') info.author = parsePerson(value);
    else if (key === 'committer') info.committer = parsePerson(value);
  }
  return info;
}

export async function readCommit(
  git: GitQueue,
  cwd: string,
  commit: string,
  options: { signal?: AbortSignal } = {},
): Promise<CommitInfo> {
  const { stdout } = await git.run(['cat-file', 'commit', commit], { cwd, ...options });
  return parseCommitObject(stdout);
}

/** Commits of `head` not in `base`, oldest first, merge commits left out (what a rebase replays). */
export async function listCommitsToReplay(
  git: GitQueue,
  cwd: string,
  base: string,
  head: string,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const { stdout } = await git.run(
    ['rev-list', '--reverse', '--topo-order', '--no-merges', `${base}..${head}`],
    { cwd, ...options },
  );
  return stdout.split('\n').filter((line) => line.trim() !== '');
}

/** First lines of the commits of `head` not in `base`, oldest first, at most `limit`. */
export async function listCommitSubjects(
  git: GitQueue,
  cwd: string,
  base: string,
  head: string,
  options: { limit: number; signal?: AbortSignal },
): Promise<string[]> {
  const { stdout } = await git.run(
    ['log', '--reverse', '--format=%s', `--max-count=${options.limit}`, `${base}..${head}`],
    { cwd, signal: options.signal },
  );
  return stdout.split('\n').filter((line) => line.trim() !== '');
}
