import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempDirs } from '../support/git-repo';
import {
  addMergeProject,
  commitFiles,
  mergeEnv,
  pathWithGitOnly,
  readyThread,
  repositoryFingerprint,
  startMergeHost,
  type MergeTestHost,
} from '../support/merge-fixtures';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let t: MergeTestHost;

afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

describe('the identity of merge commits', () => {
  beforeEach(async () => {
    // No global or system config, no GIT_AUTHOR_* variables: only what the repository says counts.
    t = await startMergeHost(dirs.make('skein-data-'), mergeEnv(pathWithGitOnly(dirs)));
  });

  it.each(['merge', 'squash', 'rebase'] as const)(
    '%s without a configured identity is refused with a sentence on how to set one',
    async (strategy) => {
      const { repo, project } = await addMergeProject(t, dirs, { identity: false });
      const thread = await readyThread(t, project, 'Who am I');
      commitFiles(thread.worktreePath, 'Work', { 'work.ts': 'work\n' });
      // A base that moved, so a rebase has commits to write.
      repo.commit('Base moved', { 'base.md': 'base\n' });
      const before = repositoryFingerprint(repo);
      const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy }));
      expect(error.kind).toBe('INVALID_STATE');
      expect(error.message).toMatch(/git config --global user\.name/);
      expect(repositoryFingerprint(repo)).toEqual(before);
    },
  );

  it('takes the identity from the environment the host runs in', async () => {
    await t.close();
    t = await startMergeHost(dirs.make('skein-data-'), {
      ...mergeEnv(pathWithGitOnly(dirs)),
      GIT_AUTHOR_NAME: 'Env Author',
      GIT_AUTHOR_EMAIL: 'env.author@skein.invalid',
      GIT_COMMITTER_NAME: 'Env Committer',
      GIT_COMMITTER_EMAIL: 'env.committer@skein.invalid',
    });
    const { repo, project } = await addMergeProject(t, dirs, { identity: false });
    const thread = await readyThread(t, project, 'From env');
    commitFiles(thread.worktreePath, 'Work', { 'work.ts': 'work\n' });
    await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' });
    expect(repo.git('log', '-1', '--format=%an <%ae>|%cn', 'main').trim()).toBe(
      'Env Author <env.author@skein.invalid>|Env Committer',
    );
  });
});
