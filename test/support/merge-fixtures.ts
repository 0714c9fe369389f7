import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import {
  createChannelPair,
  createRpcClient,
  type NotificationName,
  type Project,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { createRepo, git, type TempDirs, type TestRepo } from './git-repo';

/** The identity the user "configured" in merge tests (repository config), so merge commits can be checked. */
export const USER_NAME = 'Merge Tester';
export const USER_EMAIL = 'merge.tester@skein.invalid';

/**
 * A folder holding only `git` (a link to the real one), plus `extra` folders first: a PATH on which
 * `gh` is found only when a test puts one there, whatever the machine has installed.
 */
export function pathWithGitOnly(dirs: TempDirs, extra: string[] = []): string {
  const bin = dirs.make('skein-git-bin-');
  const real = realpathSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim());
  symlinkSync(real, join(bin, 'git'));
  return [...extra, bin].join(delimiter);
}

/**
 * The environment merge and publish run in: no global or system git config and no identity
 * variables, so only what a test configures counts (and a developer's ~/.gitconfig cannot).
 */
export function mergeEnv(path: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^GIT_(AUTHOR|COMMITTER)_/.test(name) || name === 'EMAIL') delete env[name];
  }
  return { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', PATH: path };
}

export interface MergeTestHost {
  host: Host;
  client: RpcClient;
  /** Every notification of the given names received, in order. */
  received: { name: NotificationName; params: unknown }[];
  waitForStatus(threadId: string, status: Thread['status'], timeoutMs?: number): Promise<Thread>;
  close(): Promise<void>;
}

const WAIT_POLL_MS = 25;

export async function startMergeHost(dataDir: string, env: NodeJS.ProcessEnv): Promise<MergeTestHost> {
  const host = await createHost({ dataDir, shell: '/bin/sh', merge: { env } });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  const client = createRpcClient(clientSide);
  const received: MergeTestHost['received'] = [];
  client.on('review/changed', (params) => received.push({ name: 'review/changed', params }));
  return {
    host,
    client,
    received,
    async waitForStatus(threadId, status, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const thread = await client.api.thread.get({ threadId });
        if (thread.status === status) return thread;
        if (Date.now() > deadline) {
          throw new Error(
            `Thread ${threadId} is ${thread.status} (${thread.statusDetail ?? ''}), not ${status}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      }
    },
    async close() {
      client.close();
      await host.dispose();
    },
  };
}

/** A repository whose user configured an identity (or not), added as a project with a one-worktree pool. */
export async function addMergeProject(
  t: MergeTestHost,
  dirs: TempDirs,
  options: { identity?: boolean; files?: Record<string, string> } = {},
): Promise<{ repo: TestRepo; project: Project }> {
  const repo = createRepo(dirs, {
    files: options.files ?? { 'README.md': 'readme\n', 'app.ts': 'export const a = 1;\n' },
  });
  if (options.identity !== false) {
    repo.git('config', 'user.name', USER_NAME);
    repo.git('config', 'user.email', USER_EMAIL);
  }
  const added = await t.client.api.project.add({ path: repo.path });
  const project = await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 1 } });
  await t.host.services.threads.idle();
  return { repo, project };
}

export async function readyThread(t: MergeTestHost, project: Project, title: string): Promise<Thread> {
  const thread = await t.client.api.thread.start({ projectId: project.id, title });
  return t.waitForStatus(thread.id, 'ready');
}

/** Writes files and commits them in a worktree (as the agent or the user would); returns the commit. */
export function commitFiles(worktree: string, message: string, files: Record<string, string>): string {
  for (const [file, content] of Object.entries(files)) {
    const target = join(worktree, file);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
  git(worktree, ['add', '--all']);
  git(worktree, ['commit', '--quiet', '-m', message]);
  return git(worktree, ['rev-parse', 'HEAD']).trim();
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Everything a merge could change in a repository, read without git commands that might write
 * (no status, which refreshes the index): every ref and HEAD, the index's bytes, and every file.
 */
export function repositoryFingerprint(repo: TestRepo): Record<string, string> {
  const print: Record<string, string> = {};
  for (const line of repo.git('for-each-ref', '--format=%(refname) %(objectname)').split('\n')) {
    if (line) print[`ref ${line.split(' ')[0] ?? ''}`] = line.split(' ')[1] ?? '';
  }
  print.HEAD = readFileSync(join(repo.path, '.git', 'HEAD'), 'utf8');
  print.index = hashFile(join(repo.path, '.git', 'index'));
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(path);
      } else {
        print[`file ${relative(repo.path, path)}`] = hashFile(path);
      }
    }
  };
  walk(repo.path);
  return print;
}
