import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project, Thread } from '../../src-shared/contract';
import { TempDirs, type TestRepo } from '../support/git-repo';
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
let repo: TestRepo;
let project: Project;

beforeEach(async () => {
  t = await startMergeHost(dirs.make('skein-data-'), mergeEnv(pathWithGitOnly(dirs)));
  ({ repo, project } = await addMergeProject(t, dirs));
});
afterEach(async () => {
  await t.close();
  dirs.cleanup();
});

async function threadWithFeature(title: string): Promise<Thread> {
  const thread = await readyThread(t, project, title);
  commitFiles(thread.worktreePath, 'Add feature', {
    'feature.ts': 'export const f = 1;\n',
    'app.ts': 'export const a = 2;\n',
  });
  return thread;
}

const STRATEGIES = ['merge', 'squash', 'rebase'] as const;

describe("the user's checkout of the base is dirty", () => {
  it.each(STRATEGIES)(
    '%s refuses a modified tracked file, naming the folder, and changes nothing',
    async (strategy) => {
      const thread = await threadWithFeature(`Dirty checkout ${strategy}`);
      repo.write('README.md', 'my unsaved edit\n');
      const before = repositoryFingerprint(repo);
      const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy }));
      expect(`${error.kind}: ${error.message}`).toMatch(/^WORKTREE_DIRTY: /);
      expect(error.message).toContain(repo.path);
      expect(error.message).toContain('README.md');
      expect(repositoryFingerprint(repo)).toEqual(before);
    },
  );

  it('refuses a staged change too', async () => {
    const thread = await threadWithFeature('Staged');
    repo.write('README.md', 'staged edit\n');
    repo.git('add', 'README.md');
    const before = repositoryFingerprint(repo);
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' }));
    expect(`${error.kind}: ${error.message}`).toMatch(/^WORKTREE_DIRTY: /);
    expect(repositoryFingerprint(repo)).toEqual(before);
  });

  it('refuses an untracked file the merge would overwrite, but not an unrelated one', async () => {
    const thread = await threadWithFeature('Untracked');
    repo.write('feature.ts', 'the user own file\n');
    repo.write('notes.txt', 'unrelated\n');
    const before = repositoryFingerprint(repo);
    const preview = await t.client.api.thread.mergePreview({ threadId: thread.id });
    expect(preview.checkout).toEqual({ path: repo.path, clean: false });
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' }));
    expect(`${error.kind}: ${error.message}`).toMatch(/^WORKTREE_DIRTY: /);
    expect(error.message).toContain('feature.ts');
    expect(error.message).toContain(repo.path);
    expect(repositoryFingerprint(repo)).toEqual(before);

    rmSync(join(repo.path, 'feature.ts'));
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' });
    expect(result.checkoutUpdated).toBe(repo.path);
    expect(repo.git('status', '--porcelain')).toBe('?? notes.txt\n');
  });

  it('refuses an ignored file the merge would overwrite', async () => {
    const thread = await threadWithFeature('Ignored');
    repo.write('.git/info/exclude', 'feature.ts\n');
    repo.write('feature.ts', 'ignored but precious\n');
    const before = repositoryFingerprint(repo);
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' }));
    expect(`${error.kind}: ${error.message}`).toMatch(/^WORKTREE_DIRTY: /);
    expect(repositoryFingerprint(repo)).toEqual(before);
  });
});

describe('conflicts, moved bases and uncommitted work', () => {
  it.each(STRATEGIES)('%s of a conflicting branch changes nothing and names the files', async (strategy) => {
    const thread = await threadWithFeature(`Conflict ${strategy}`);
    repo.commit('Base edits app.ts', { 'app.ts': 'export const a = 99;\n' });
    const before = repositoryFingerprint(repo);
    const branchBefore = repo.head(thread.branch);
    expect((await t.client.api.thread.mergePreview({ threadId: thread.id })).conflicts).toEqual(['app.ts']);
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy }));
    expect(error.kind).toBe('MERGE_CONFLICT');
    expect(error.message).toContain('app.ts');
    expect(error.details).toMatchObject({ conflicts: ['app.ts'] });
    expect(repositoryFingerprint(repo)).toEqual(before);
    expect(repo.head(thread.branch)).toBe(branchBefore);
  });

  it('refuses when the base moved since the review, and a retry with the new commit works', async () => {
    const thread = await threadWithFeature('Moved base');
    const reviewed = await t.client.api.thread.mergePreview({ threadId: thread.id });
    const moved = repo.commit('Someone else', { 'other.md': 'other\n' });
    const before = repositoryFingerprint(repo);
    const error = await rpcFailure(
      t.client.api.thread.merge({
        threadId: thread.id,
        strategy: 'squash',
        expectedBaseCommit: reviewed.baseCommit,
      }),
    );
    expect(error.kind).toBe('INVALID_STATE');
    expect(error.message).toContain(moved.slice(0, 10));
    expect(error.message).toMatch(/review/i);
    expect(repositoryFingerprint(repo)).toEqual(before);

    const again = await t.client.api.thread.mergePreview({ threadId: thread.id });
    expect(again.baseCommit).toBe(moved);
    const result = await t.client.api.thread.merge({
      threadId: thread.id,
      strategy: 'squash',
      expectedBaseCommit: again.baseCommit,
    });
    expect(result.baseBefore).toBe(moved);
    expect(repo.head('main~1')).toBe(moved);
  });

  it('refuses uncommitted or untracked work in the thread, naming the files', async () => {
    const thread = await threadWithFeature('Half done');
    writeFileSync(join(thread.worktreePath, 'draft.md'), 'not committed\n');
    const before = repositoryFingerprint(repo);
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' }));
    expect(`${error.kind}: ${error.message}`).toMatch(/^WORKTREE_DIRTY: /);
    expect(error.message).toContain('draft.md');
    expect(error.message).toMatch(/commit them in the review first/i);
    expect(repositoryFingerprint(repo)).toEqual(before);
    expect((await t.client.api.thread.mergePreview({ threadId: thread.id })).uncommitted).toBe(true);
  });

  it('refuses a thread with nothing to merge', async () => {
    const thread = await readyThread(t, project, 'Empty');
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' }));
    expect(error.kind).toBe('INVALID_STATE');
    expect(error.message).toMatch(/nothing to merge/);
  });

  it('refuses a second merge of work already squashed in', async () => {
    const thread = await threadWithFeature('Twice');
    await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' });
    const before = repositoryFingerprint(repo);
    const error = await rpcFailure(t.client.api.thread.merge({ threadId: thread.id, strategy: 'merge' }));
    expect(error.kind).toBe('INVALID_STATE');
    expect(repositoryFingerprint(repo)).toEqual(before);
  });
});
