import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src-shared/contract';
import type { GitQueue } from '../../src-main/core/git';
import { createMergeService, type MergeService } from '../../src-main/core/merge';
import { TempDirs, type TestRepo } from '../support/git-repo';
import {
  addMergeProject,
  commitFiles,
  mergeEnv,
  pathWithGitOnly,
  readyThread,
  startMergeHost,
  type MergeTestHost,
} from '../support/merge-fixtures';

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

/** The host's real git queue, with `beforeCall` run just before the first call `matches` picks. */
function interceptingQueue(matches: (args: string[]) => boolean, beforeCall: () => void): GitQueue {
  const inner = t.host.services.git;
  let fired = false;
  return {
    run(args, options) {
      if (!fired && matches(args)) {
        fired = true;
        beforeCall();
      }
      return inner.run(args, options);
    },
    get pending() {
      return inner.pending;
    },
    dispose: () => undefined,
  };
}

function serviceWith(git: GitQueue): MergeService {
  const { services } = t.host;
  return createMergeService({
    git,
    publisher: services.broadcaster,
    projects: services.projects,
    threads: services.threads,
    transcript: (threadId) => services.agents.transcript(threadId),
    env: mergeEnv(pathWithGitOnly(dirs)),
  });
}

async function failure(call: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return error as { kind: string; message: string };
  }
  throw new Error('Expected the merge to fail');
}

describe('races with the user', () => {
  it('a base moved between the checks and the compare-and-swap: nothing of the merge lands', async () => {
    const thread = await readyThread(t, project, 'Racing');
    commitFiles(thread.worktreePath, 'Feature', { 'feature.ts': 'feature\n' });
    let raced = '';
    const service = serviceWith(
      interceptingQueue(
        (args) => args[0] === 'update-ref' && args[1] === '--stdin',
        () => {
          raced = repo.commit('The user commits meanwhile', { 'user.md': 'mine\n' });
        },
      ),
    );
    const error = await failure(service.merge({ threadId: thread.id, strategy: 'squash' }));
    expect(error.kind).toBe('INVALID_STATE');
    expect(error.message).toMatch(/moved main .*while Skein was merging; nothing was changed/);
    expect(repo.head('main')).toBe(raced);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('ls-tree', '--name-only', 'main')).not.toContain('feature.ts');
    service.dispose();

    // A retry reads the new base and goes through.
    const result = await t.client.api.thread.merge({ threadId: thread.id, strategy: 'squash' });
    expect(result.baseBefore).toBe(raced);
    expect(readFileSync(join(repo.path, 'feature.ts'), 'utf8')).toBe('feature\n');
  });

  it("an edit in the user's checkout after the checks: the merge is undone and the edit kept", async () => {
    const thread = await readyThread(t, project, 'Undo me');
    commitFiles(thread.worktreePath, 'Change app', { 'app.ts': 'export const a = 2;\n' });
    const before = repo.head('main');
    const service = serviceWith(
      interceptingQueue(
        (args) => args[0] === 'read-tree' && !args.includes('-n'),
        () => writeFileSync(join(repo.path, 'app.ts'), 'the user typed this just now\n'),
      ),
    );
    const error = await failure(service.merge({ threadId: thread.id, strategy: 'merge' }));
    expect(error.kind).toBe('WORKTREE_DIRTY');
    expect(error.message).toMatch(/undone; nothing was changed/);
    expect(repo.head('main')).toBe(before);
    expect(readFileSync(join(repo.path, 'app.ts'), 'utf8')).toBe('the user typed this just now\n');
    expect(repo.git('status', '--porcelain')).toBe(' M app.ts\n');
    service.dispose();
  });
});
