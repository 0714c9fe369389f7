import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { RpcClient, Thread } from '../../src-shared/contract';
import { makeRepo } from './e2e-repo';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Skein E2E',
  GIT_AUTHOR_EMAIL: 'e2e@skein.invalid',
  GIT_COMMITTER_NAME: 'Skein E2E',
  GIT_COMMITTER_EMAIL: 'e2e@skein.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Git in a test checkout or worktree, as a person at a terminal would run it. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** Git output as bytes, for binary blobs. */
export function gitBytes(cwd: string, ...args: string[]): Buffer {
  return execFileSync('git', args, { cwd, env: GIT_ENV });
}

/** Writes files and commits them all, in a checkout or a thread's worktree; returns the new commit. */
export function commitFiles(cwd: string, message: string, files: Record<string, string | Buffer>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '--quiet', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}

/**
 * A repository on `main` with these files (text or bytes) committed, and a committer identity in
 * its own config: serve runs with an empty HOME and Skein will not commit in the name of nobody.
 */
export function makeRepoWithContent(
  parent: string,
  name: string,
  files: Record<string, string | Buffer>,
): string {
  const dir = makeRepo(parent, name);
  git(dir, 'config', 'user.name', 'Skein Rebaser');
  git(dir, 'config', 'user.email', 'rebaser@skein.invalid');
  commitFiles(dir, 'Add the project files', files);
  return dir;
}

export async function threadTitled(rpc: RpcClient, title: string): Promise<Thread> {
  const { threads } = await rpc.api.thread.list({});
  const thread = threads.find((t) => t.title === title);
  if (!thread)
    throw new Error(`No thread titled "${title}" (have: ${threads.map((t) => t.title).join(', ')})`);
  return thread;
}

/** Runs of whitespace as one space, trimmed: how text compares once an editor may have wrapped it. */
export function squashed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text a Monaco editor inside `scope` shows, squashed (the three-way view wraps long lines, so
 * a visual line is not a file line). Monaco recycles its line elements, so DOM order is not line
 * order: sort by their offset. Spaces come as NBSPs.
 */
export async function monacoText(scope: Locator): Promise<string> {
  const text = await scope
    .locator('.view-lines')
    .first()
    .evaluate((lines) => {
      const rows = Array.from(lines.querySelectorAll<HTMLElement>('.view-line'));
      rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    });
  return squashed(text);
}

/** Whether git has a rebase stopped in a worktree (its state folder exists). */
export function rebaseUnderWay(worktree: string): boolean {
  const gitDir = git(worktree, 'rev-parse', '--absolute-git-dir');
  return existsSync(join(gitDir, 'rebase-merge')) || existsSync(join(gitDir, 'rebase-apply'));
}
