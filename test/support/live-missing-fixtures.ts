import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createChannelPair,
  createRpcClient,
  type NotificationName,
  type NotificationParams,
  type Project,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { git, createRepo, type TempDirs, type TestRepo } from './git-repo';

/** A host whose missing-folder watcher looks every `missingCheckMs`, with a client that records notifications. */
export class LiveMissingHost {
  private readonly seen: { name: NotificationName; params: unknown }[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly host: Host,
    readonly client: RpcClient,
  ) {}

  static async start(
    dataDir: string,
    missingCheckMs: number,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<LiveMissingHost> {
    const host = await createHost({ dataDir, shell: '/bin/sh', missingCheckMs, agents: { env } });
    const [hostSide, clientSide] = createChannelPair();
    host.connect(hostSide);
    const test = new LiveMissingHost(host, createRpcClient(clientSide));
    const names: NotificationName[] = ['thread/updated', 'host/notice', 'turn/completed', 'item/started'];
    for (const name of names) {
      test.client.on(name, (params) => {
        test.seen.push({ name, params });
        for (const wake of test.waiters) wake();
      });
    }
    return test;
  }

  of<N extends NotificationName>(name: N): NotificationParams<N>[] {
    return this.seen
      .filter((entry) => entry.name === name)
      .map((entry) => entry.params as NotificationParams<N>);
  }

  /** Resolves with the first value `probe` gives (checked now and after every notification). */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The thread as the last `thread/updated` left it, once it is in `status`. */
  threadStatus(threadId: string, status: Thread['status'], timeoutMs?: number): Promise<Thread> {
    return this.waitFor(
      () => {
        const last = this.updatesOf(threadId).at(-1);
        return last?.status === status ? last : undefined;
      },
      `thread ${threadId} to be ${status}`,
      timeoutMs,
    );
  }

  updatesOf(threadId: string): Thread[] {
    return this.of('thread/updated')
      .map((entry) => entry.thread)
      .filter((thread) => thread.id === threadId);
  }

  notice(message: string, timeoutMs?: number): Promise<NotificationParams<'host/notice'>> {
    return this.waitFor(
      () => this.of('host/notice').find((entry) => entry.message === message),
      `the notice "${message}"`,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    this.client.close();
    await this.host.dispose();
  }
}

export interface LiveProject {
  repo: TestRepo;
  project: Project;
  threads: Thread[];
}

/** A repository added as a project (no pool) and `titles.length` ready threads, each with a commit of its own. */
export async function projectWithThreads(
  test: LiveMissingHost,
  dirs: TempDirs,
  titles: string[],
): Promise<LiveProject> {
  const repo = createRepo(dirs, { files: { 'README.md': 'readme\n' } });
  const added = await test.client.api.project.add({ path: repo.path });
  const project = await test.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
  const threads: Thread[] = [];
  for (const title of titles) {
    const started = await test.client.api.thread.start({ projectId: project.id, title });
    const thread =
      started.status === 'ready' ? started : await test.threadStatus(started.id, 'ready', 30_000);
    writeFileSync(join(thread.worktreePath, 'work.ts'), `work of ${title}\n`);
    git(thread.worktreePath, ['add', 'work.ts']);
    git(thread.worktreePath, ['commit', '--quiet', '-m', `work of ${title}`]);
    threads.push(thread);
  }
  return { repo, project, threads };
}
