import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { createGitQueue, isGitAbortError, type GitQueue } from '../../src-main/core/git';
import { createRepo, TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
const queues: GitQueue[] = [];
afterEach(() => {
  for (const queue of queues.splice(0)) queue.dispose();
  dirs.cleanup();
});

function queue(concurrency: number, binary?: string): GitQueue {
  const created = createGitQueue({ concurrency, binary });
  queues.push(created);
  return created;
}

/**
 * A stand-in `git` that runs the real one but first records how many of its kind are alive:
 * each instance holds a marker file while it runs, and logs the count it saw on start.
 */
function countingGit(dir: string): { binary: string; maxSeen: () => number } {
  const running = join(dir, 'running');
  const log = join(dir, 'seen.log');
  const binary = join(dir, 'git-counting');
  writeFileSync(
    binary,
    `#!/bin/sh
mkdir -p '${running}'
touch '${running}'/$$
ls '${running}' | wc -l >> '${log}'
sleep 0.15
git "$@"
code=$?
rm -f '${running}'/$$
exit $code
`,
  );
  chmodSync(binary, 0o755);
  return {
    binary,
    maxSeen: () => Math.max(...readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number)),
  };
}

describe('git queue', () => {
  it('never runs more than `concurrency` git processes at once, and does use them all', async () => {
    const repo = createRepo(dirs);
    const counting = countingGit(dirs.make());
    const git = queue(3, counting.binary);
    const runs = Array.from({ length: 15 }, () => git.run(['rev-parse', 'HEAD'], { cwd: repo.path }));
    expect(git.pending).toBe(15);
    const results = await Promise.all(runs);
    expect(new Set(results.map((result) => result.stdout.trim()))).toEqual(new Set([repo.head()]));
    expect(counting.maxSeen()).toBe(3);
    expect(git.pending).toBe(0);
  });

  it('gives waiting user calls a slot before background (low priority) calls', async () => {
    const repo = createRepo(dirs);
    const counting = countingGit(dirs.make());
    const git = queue(2, counting.binary);
    const order: string[] = [];
    const low = Array.from({ length: 4 }, (_, i) =>
      git.run(['rev-parse', 'HEAD'], { cwd: repo.path, priority: 'low' }).then(() => order.push(`low${i}`)),
    );
    const normal = git.run(['rev-parse', 'HEAD'], { cwd: repo.path }).then(() => order.push('normal'));
    await Promise.all([...low, normal]);
    // Low work holds at most one of the two slots, so the user call starts at once, not after all four.
    expect(order.indexOf('normal')).toBeLessThanOrEqual(1);
  });

  it('passes stdin, honours allowed exit codes and reports failures with stderr', async () => {
    const repo = createRepo(dirs);
    const git = queue(2);
    const hashed = await git.run(['hash-object', '--stdin'], { cwd: repo.path, input: 'hello\n' });
    expect(hashed.stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');

    const answer = await git.run(['merge-base', '--is-ancestor', 'HEAD', 'HEAD~0'], {
      cwd: repo.path,
      allowedExitCodes: [1],
    });
    expect(answer.exitCode).toBe(0);
    const no = await git.run(['rev-parse', '--verify', '--quiet', 'nope'], {
      cwd: repo.path,
      allowedExitCodes: [1],
    });
    expect(no.exitCode).toBe(1);

    const failure = await git
      .run(['rev-parse', '--verify', 'nope'], { cwd: repo.path })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SkeinError);
    expect((failure as SkeinError).kind).toBe('GIT_FAILED');
    expect((failure as SkeinError).details?.stderr).toMatch(/Needed a single revision/);
  });

  it('ignores GIT_DIR and GIT_INDEX_FILE inherited from the parent process', async () => {
    const repo = createRepo(dirs);
    const other = createRepo(dirs);
    other.commit('second');
    const git = queue(1);
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = join(other.path, '.git');
    process.env.GIT_INDEX_FILE = join(other.path, '.git', 'index');
    try {
      const { stdout } = await git.run(['rev-parse', 'HEAD'], { cwd: repo.path });
      expect(stdout.trim()).toBe(repo.head());
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.index === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved.index;
    }
  });

  it('cancels a waiting call and kills a running one through the abort signal', async () => {
    const repo = createRepo(dirs);
    const counting = countingGit(dirs.make());
    const git = queue(1, counting.binary);
    const first = new AbortController();
    const second = new AbortController();
    const running = git.run(['rev-parse', 'HEAD'], { cwd: repo.path, signal: first.signal });
    const waiting = git.run(['rev-parse', 'HEAD'], { cwd: repo.path, signal: second.signal });
    second.abort();
    first.abort();
    const outcomes = await Promise.allSettled([running, waiting]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(isGitAbortError((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(git.pending).toBe(0);
    const after = await git.run(['rev-parse', 'HEAD'], { cwd: repo.path });
    expect(after.stdout.trim()).toBe(repo.head());
  });

  it('fails with GIT_MISSING when git cannot be found, and PATH_NOT_FOUND for a missing folder', async () => {
    const repo = createRepo(dirs);
    const missing = queue(1, join(dirs.make(), 'no-such-git'));
    const error = await missing.run(['--version'], { cwd: repo.path }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SkeinError);
    expect((error as SkeinError).kind).toBe('GIT_MISSING');
    expect((error as SkeinError).message).toMatch(/Install git/);

    const git = queue(1);
    const noFolder = await git
      .run(['status'], { cwd: join(repo.path, 'nope') })
      .catch((caught: unknown) => caught);
    expect((noFolder as SkeinError).kind).toBe('PATH_NOT_FOUND');
  });

  it('rejects queued calls on dispose', async () => {
    const repo = createRepo(dirs);
    const counting = countingGit(dirs.make());
    const git = queue(1, counting.binary);
    const calls = [1, 2, 3].map(() => git.run(['rev-parse', 'HEAD'], { cwd: repo.path }));
    git.dispose();
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    await expect(git.run(['--version'], { cwd: repo.path })).rejects.toThrow(/closed/);
  });
});
