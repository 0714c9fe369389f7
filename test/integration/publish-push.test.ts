import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Project, Thread } from '../../src-shared/contract';
import { installFakeGh, type FakeGhOptions } from '../support/fake-gh';
import { git, TempDirs, type TestRepo } from '../support/git-repo';
import {
  addMergeProject,
  commitFiles,
  mergeEnv,
  pathWithGitOnly,
  readyThread,
  startMergeHost,
  type MergeTestHost,
} from '../support/merge-fixtures';
import { rpcFailure } from '../support/threads-host';

const dirs = new TempDirs();
let t: MergeTestHost | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
  dirs.cleanup();
});

interface Setup {
  host: MergeTestHost;
  repo: TestRepo;
  project: Project;
  thread: Thread;
  remote: string;
}

/** A host (with a fake gh on its PATH, or none), a project whose `origin` is a local bare repository, and a thread with a commit. */
async function setup(
  gh: FakeGhOptions | null,
  originUrl?: string,
): Promise<Setup & { calls: () => { args: string[]; cwd: string }[] }> {
  const fake = gh ? installFakeGh(dirs, gh) : null;
  const host = await startMergeHost(
    dirs.make('skein-data-'),
    mergeEnv(pathWithGitOnly(dirs, fake ? [fake.binDir] : [])),
  );
  t = host;
  const { repo, project } = await addMergeProject(host, dirs);
  const remote = join(dirs.make('skein-remote-'), 'origin.git');
  git(dirs.make(), ['init', '--quiet', '--bare', remote]);
  repo.git('remote', 'add', 'origin', remote);
  if (originUrl) repo.git('remote', 'set-url', '--push', 'origin', remote);
  if (originUrl) repo.git('remote', 'set-url', 'origin', originUrl);
  const thread = await readyThread(host, project, 'Publish me');
  commitFiles(thread.worktreePath, 'Add feature', { 'feature.ts': 'export const f = 1;\n' });
  return { host, repo, project, thread, remote, calls: () => fake?.calls() ?? [] };
}

describe('thread/publishInfo', () => {
  it('lists remotes, sees gh, and prefills title and body from the thread', async () => {
    const { host, thread, remote } = await setup({ loggedIn: true });
    const info = await host.client.api.thread.publishInfo({ threadId: thread.id });
    expect(info.remotes).toEqual([{ name: 'origin', url: remote }]);
    expect(info.gh).toEqual({ installed: true, loggedIn: true });
    expect(info.title).toBe('Publish me');
    expect(info.body).toContain('## Changed files');
    expect(info.body).toMatch(/feature\.ts \| 1 \+/);
  });

  it('reports gh installed but not logged in, and gh missing', async () => {
    const loggedOut = await setup({ loggedIn: false });
    expect(
      (await loggedOut.host.client.api.thread.publishInfo({ threadId: loggedOut.thread.id })).gh,
    ).toEqual({
      installed: true,
      loggedIn: false,
    });
    await loggedOut.host.close();
    t = null;
    const missing = await setup(null);
    expect((await missing.host.client.api.thread.publishInfo({ threadId: missing.thread.id })).gh).toEqual({
      installed: false,
      loggedIn: false,
    });
  });
});

describe('thread/publish', () => {
  it('pushes to a bare remote with an upstream, then opens a pull request through gh', async () => {
    const { host, repo, thread, remote, calls } = await setup({
      pullRequestUrl: 'https://github.com/skein-test/repo/pull/42',
    });
    const result = await host.client.api.thread.publish({
      threadId: thread.id,
      remote: 'origin',
      pullRequest: true,
      body: 'Why this change',
      draft: true,
    });
    expect(result).toMatchObject({
      remote: 'origin',
      branch: thread.branch,
      pullRequestUrl: 'https://github.com/skein-test/repo/pull/42',
      compareUrl: null,
    });
    expect(git(remote, ['rev-parse', `refs/heads/${thread.branch}`]).trim()).toBe(repo.head(thread.branch));
    expect(repo.git('config', `branch.${thread.branch}.remote`).trim()).toBe('origin');
    const create = calls().find((call) => call.args[0] === 'pr');
    expect(create?.args).toEqual([
      'pr',
      'create',
      '--head',
      thread.branch,
      '--base',
      'main',
      '--title',
      'Publish me',
      '--body',
      'Why this change',
      '--draft',
    ]);
    expect(create?.cwd).toBe(repo.path);
  });

  it('opens the pull request with the prefilled title and body when none are given', async () => {
    const { host, thread, calls } = await setup({});
    await host.client.api.thread.publish({ threadId: thread.id, remote: 'origin', pullRequest: true });
    const args = calls().find((call) => call.args[0] === 'pr')?.args ?? [];
    expect(args[args.indexOf('--title') + 1]).toBe('Publish me');
    expect(args[args.indexOf('--body') + 1]).toMatch(/## Changed files[\s\S]*feature\.ts/);
    expect(args).not.toContain('--draft');
  });

  it('without gh, pushes and gives the compare page of a GitHub remote', async () => {
    const { host, thread, calls } = await setup(null, 'git@github.com:skein-test/repo.git');
    const result = await host.client.api.thread.publish({
      threadId: thread.id,
      remote: 'origin',
      pullRequest: true,
    });
    expect(result.pullRequestUrl).toBeNull();
    expect(result.compareUrl).toBe(
      `https://github.com/skein-test/repo/compare/main...${thread.branch}?expand=1`,
    );
    expect(calls()).toEqual([]);
  });

  it('with gh logged out, pushes and does not call gh pr create', async () => {
    const { host, thread, calls } = await setup({ loggedIn: false });
    const result = await host.client.api.thread.publish({
      threadId: thread.id,
      remote: 'origin',
      pullRequest: true,
    });
    expect(result.pullRequestUrl).toBeNull();
    // A local remote has no web page.
    expect(result.compareUrl).toBeNull();
    expect(calls().map((call) => call.args.slice(0, 2))).toEqual([['auth', 'status']]);
  });

  it('passes git and gh errors to the user verbatim', async () => {
    const { host, repo, thread } = await setup({
      createError: 'GraphQL: No commits between main and skein/x (createPullRequest)',
    });
    const gone = await rpcFailure(
      host.client.api.thread.publish({ threadId: thread.id, remote: 'nope', pullRequest: false }),
    );
    expect(gone.kind).toBe('NOT_FOUND');
    expect(gone.message).toContain('origin');

    const ghError = await rpcFailure(
      host.client.api.thread.publish({ threadId: thread.id, remote: 'origin', pullRequest: true }),
    );
    expect(ghError.kind).toBe('GH_FAILED');
    expect(ghError.message).toContain('GraphQL: No commits between main and skein/x (createPullRequest)');

    repo.git('remote', 'set-url', 'origin', join(dirs.make(), 'missing.git'));
    const pushError = await rpcFailure(
      host.client.api.thread.publish({ threadId: thread.id, remote: 'origin', pullRequest: false }),
    );
    expect(pushError.kind).toBe('GIT_FAILED');
    expect(pushError.message).toMatch(/^Pushing .* to origin .* failed\. Git said:\n/);
    expect(pushError.message).toMatch(/does not appear to be a git repository/);
  });
});
