import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Project, Thread } from '../../src-shared/contract';
import { createRepo, git, type RepoSpec, type TempDirs, type TestRepo } from './git-repo';
import { startThreadsHost, type ThreadsTestHost } from './threads-host';

/** A real host, a repository added as a project (no pool), and one ready thread of it, for review tests. */
export interface ReviewFixture {
  t: ThreadsTestHost;
  repo: TestRepo;
  project: Project;
  thread: Thread;
  worktree: string;
}

export async function startReviewFixture(
  dirs: TempDirs,
  spec: RepoSpec & { base?: string } = {},
): Promise<ReviewFixture> {
  const t = await startThreadsHost(dirs.make('skein-review-data-'));
  try {
    const repo = createRepo(dirs, spec);
    const added = await t.client.api.project.add({ path: repo.path });
    const project = await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
    const started = await t.client.api.thread.start({
      projectId: project.id,
      title: 'Review me',
      base: spec.base,
    });
    const thread = await t.waitForStatus(started.id, 'ready');
    return { t, repo, project, thread, worktree: thread.worktreePath };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** Writes a file in a worktree (folders made as needed). */
export function writeIn(worktree: string, file: string, content: string | Buffer): void {
  const target = join(worktree, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

export function removeIn(worktree: string, file: string): void {
  rmSync(join(worktree, file));
}

export function makeExecutable(worktree: string, file: string): void {
  chmodSync(join(worktree, file), 0o755);
}

/** Stages everything in the worktree and commits it with the fixture identity; returns the commit. */
export function commitAllIn(worktree: string, message: string): string {
  git(worktree, ['add', '--all']);
  git(worktree, ['commit', '--quiet', '-m', message]);
  return git(worktree, ['rev-parse', 'HEAD']).trim();
}

/** `count` numbered lines: "line 1\n" … */
export function numberedLines(count: number, label = 'line'): string {
  return Array.from({ length: count }, (_, index) => `${label} ${index + 1}\n`).join('');
}
