import {
  createChannelPair,
  createRpcClient,
  type Approval,
  type Item,
  type NotificationName,
  type NotificationParams,
  type ProviderKind,
  type RpcClient,
  type Thread,
  type Turn,
} from '../../src-shared/contract';
import { createHost, type Host, type HostOptions } from '../../src-main/host/create-host';
import { createRepo, type TempDirs, type TestRepo } from './git-repo';
import type { ModelServer } from './model-server';

/** Keys the scripted server must see come from these variables (and nowhere else). */
export const TEST_OPENAI_KEY = 'sk-test-openai-5f2c1a9e77d0';
export const TEST_ANTHROPIC_KEY = 'sk-ant-test-0c8e3b4d9a61';
export const SCRIPTED_MODEL = 'skein-scripted-model';

/**
 * The environment an agent host reads: the scripted server as every provider, test keys, no real
 * ones, and an empty HOME (commands run `bash -l`; a developer's profile must not change what they do).
 */
export function agentEnv(
  server: Pick<ModelServer, 'url'>,
  dirs: TempDirs,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'OPENAI_BASE_URL',
    'ANTHROPIC_BASE_URL',
    'SKEIN_MODEL',
    'OLLAMA_HOST',
    'SKEIN_ADMIN_REQUIREMENTS',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    HOME: dirs.make('skein-agent-home-'),
    OPENAI_API_KEY: TEST_OPENAI_KEY,
    OPENAI_BASE_URL: `${server.url}/v1`,
    ANTHROPIC_API_KEY: TEST_ANTHROPIC_KEY,
    ANTHROPIC_BASE_URL: server.url,
    OLLAMA_HOST: server.url,
    SKEIN_MODEL: SCRIPTED_MODEL,
    ...extra,
  };
}

type Received = { name: NotificationName; params: unknown; at: number };

/** A real host with a connected client that records every notification. */
export class AgentTestHost {
  readonly received: Received[] = [];
  private readonly byName = new Map<NotificationName, unknown[]>();
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly host: Host,
    readonly client: RpcClient,
    readonly dataDir: string,
  ) {}

  static async start(
    dataDir: string,
    env: NodeJS.ProcessEnv,
    agents: Omit<NonNullable<HostOptions['agents']>, 'env'> = {},
  ): Promise<AgentTestHost> {
    const host = await createHost({ dataDir, shell: '/bin/sh', agents: { ...agents, env } });
    const [hostSide, clientSide] = createChannelPair();
    host.connect(hostSide);
    const client = createRpcClient(clientSide);
    const test = new AgentTestHost(host, client, dataDir);
    const names: NotificationName[] = [
      'thread/updated',
      'turn/started',
      'turn/completed',
      'item/started',
      'item/delta',
      'item/completed',
      'approval/requested',
      'approval/resolved',
      'review/changed',
    ];
    for (const name of names) {
      test.byName.set(name, []);
      client.on(name, (params) => {
        test.received.push({ name, params, at: performance.now() });
        test.byName.get(name)?.push(params);
        for (const wake of test.waiters) wake();
      });
    }
    return test;
  }

  of<N extends NotificationName>(name: N): NotificationParams<N>[] {
    return this.received
      .filter((entry) => entry.name === name)
      .map((entry) => entry.params as NotificationParams<N>);
  }

  /** Resolves with the first value `probe` returns (checked now and after every notification). */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  turnCompleted(threadId: string, count = 1): Promise<Turn> {
    return this.waitFor(() => {
      const done = this.of('turn/completed').filter((entry) => entry.turn.threadId === threadId);
      return done.length >= count ? done[count - 1]?.turn : undefined;
    }, `turn ${count} of thread ${threadId} to complete`);
  }

  approvalRequested(threadId: string, count = 1): Promise<Approval> {
    return this.waitFor(() => {
      const requested = this.of('approval/requested').filter((entry) => entry.approval.threadId === threadId);
      return requested.length >= count ? requested[count - 1]?.approval : undefined;
    }, `approval ${count} of thread ${threadId}`);
  }

  threadStatus(threadId: string, status: Thread['status']): Promise<Thread> {
    return this.waitFor(() => {
      const updates = this.of('thread/updated').filter((entry) => entry.thread.id === threadId);
      const last = updates.at(-1)?.thread;
      return last?.status === status ? last : undefined;
    }, `thread ${threadId} to be ${status}`);
  }

  itemsStarted(kind?: Item['kind']): Item[] {
    return this.of('item/started')
      .map((entry) => entry.item)
      .filter((item) => kind === undefined || item.kind === kind);
  }

  async transcript(threadId: string): Promise<{ turns: Turn[]; items: Item[] }> {
    return this.client.api.thread.items({ threadId });
  }

  async close(): Promise<void> {
    this.client.close();
    await this.host.dispose();
  }
}

export interface AgentThread {
  repo: TestRepo;
  thread: Thread;
  projectId: string;
}

/** A real repository added as a project, and a ready thread (its own worktree) of it. */
export async function createAgentThread(
  test: AgentTestHost,
  dirs: TempDirs,
  files: Record<string, string> = { 'README.md': '# demo\n' },
): Promise<AgentThread> {
  const repo = createRepo(dirs, { files });
  const project = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const started = await test.client.api.thread.start({ projectId: project.id, title: 'Agent work' });
  const thread =
    started.status === 'ready'
      ? started
      : await test.waitFor(() => {
          const last = test
            .of('thread/updated')
            .filter((entry) => entry.thread.id === started.id)
            .at(-1)?.thread;
          return last?.status === 'ready' ? last : undefined;
        }, 'thread to be ready');
  return { repo, thread, projectId: project.id };
}

export const PROVIDERS: readonly ProviderKind[] = ['openai', 'openai-chat', 'anthropic'];
