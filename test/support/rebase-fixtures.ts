import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NotificationParams, RebaseState } from '../../src-shared/contract';
import { git, type TempDirs, type TestRepo } from './git-repo';
import { startReviewFixture, writeIn, type ReviewFixture } from './review-thread';

/** The identity the user "configured" (repository config), so rebased commits can be written. */
export const REBASE_USER = { name: 'Rebase Tester', email: 'rebase.tester@skein.invalid' };

export function setIdentity(repo: TestRepo): void {
  repo.git('config', 'user.name', REBASE_USER.name);
  repo.git('config', 'user.email', REBASE_USER.email);
}

/** A review fixture (host, project, one ready thread) whose repository has an identity, recording rebase notifications. */
export interface RebaseFixture extends ReviewFixture {
  /** Every `rebase/updated` received, in order. */
  updates: RebaseState[];
  /** Thread ids of every `review/changed` received. */
  reviewChanges: string[];
  notices: NotificationParams<'host/notice'>[];
}

export async function startRebaseFixture(
  dirs: TempDirs,
  files: Record<string, string>,
): Promise<RebaseFixture> {
  const fixture = await startReviewFixture(dirs, { files });
  setIdentity(fixture.repo);
  const updates: RebaseState[] = [];
  const reviewChanges: string[] = [];
  const notices: NotificationParams<'host/notice'>[] = [];
  fixture.t.client.on('rebase/updated', (state) => updates.push(state));
  fixture.t.client.on('review/changed', ({ threadId }) => reviewChanges.push(threadId));
  fixture.t.client.on('host/notice', (notice) => notices.push(notice));
  return { ...fixture, updates, reviewChanges, notices };
}

/** Writes files and commits them in a checkout (the base's, or a thread's worktree); returns the commit. */
export function commitIn(checkout: string, message: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) writeIn(checkout, file, content);
  git(checkout, ['add', '--all']);
  git(checkout, ['commit', '--quiet', '-m', message]);
  return git(checkout, ['rev-parse', 'HEAD']).trim();
}

export function readIn(checkout: string, file: string): string {
  return readFileSync(join(checkout, file), 'utf8');
}

export function headOf(checkout: string, rev = 'HEAD'): string {
  return git(checkout, ['rev-parse', rev]).trim();
}

/** `git status --porcelain` of a checkout, untracked files listed one by one. */
export function statusOf(checkout: string): string {
  return git(checkout, ['status', '--porcelain', '--untracked-files=all']);
}

/** A file of three numbered lines, with `middle` as the second. */
export function threeLines(middle: string): string {
  return `one\n${middle}\nthree\n`;
}
