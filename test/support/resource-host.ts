import {
  createRpcClient,
  type MessageChannel,
  type NotificationName,
  type NotificationParams,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createStdioChannel } from '../../src-main/host/transports/stdio-channel';
import type { HostSupervisor } from '../../src-main/electron/host-supervisor';
import { spawnSkein } from './skein-cli-process';

/**
 * A real `skein host --stdio` child (as the desktop app runs it in development) with a typed client
 * that keeps every notification it is sent. Used where the host's own process matters: counting what
 * it leaves behind after a quit, and sampling its memory in the soak.
 */
export class ChildHost {
  private readonly received = new Map<string, unknown[]>();
  private readonly waiters = new Set<() => void>();

  readonly client: RpcClient;

  private constructor(
    readonly channel: MessageChannel,
    private readonly readPid: () => number | undefined,
    /** The host's stderr so far, for failure messages ('' when it is not captured). */
    readonly stderr: () => string,
  ) {
    this.client = createRpcClient(channel);
  }

  /** `skein host --stdio --data dataDir` with pipes on all three streams. */
  static start(
    dataDir: string,
    env: NodeJS.ProcessEnv,
  ): { host: ChildHost; proc: ReturnType<typeof spawnSkein> } {
    const stringEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) if (value !== undefined) stringEnv[name] = value;
    const proc = spawnSkein(['host', '--stdio', '--data', dataDir], stringEnv);
    const channel = createStdioChannel({
      input: proc.child.stdout,
      output: proc.child.stdin,
      ownsStreams: true,
    });
    return {
      host: ChildHost.over(
        channel,
        () => proc.child.pid,
        () => proc.stderr(),
      ),
      proc,
    };
  }

  /** A client through the desktop app's supervisor (frames relayed as to the window). */
  static throughSupervisor(supervisor: HostSupervisor): ChildHost {
    const channel: MessageChannel = {
      send: (text) => supervisor.send(text),
      onMessage: (listener) => supervisor.onFrame(listener),
      onClose: () => () => undefined,
      close: () => undefined,
    };
    return ChildHost.over(
      channel,
      () => supervisor.pid,
      () => '',
    );
  }

  private static over(
    channel: MessageChannel,
    pid: () => number | undefined,
    stderr: () => string,
  ): ChildHost {
    const host = new ChildHost(channel, pid, stderr);
    channel.onMessage((text) => {
      const message = JSON.parse(text) as { method?: unknown; params?: unknown };
      if (typeof message.method !== 'string') return;
      const list = host.received.get(message.method) ?? [];
      list.push(message.params);
      host.received.set(message.method, list);
      for (const wake of host.waiters) wake();
    });
    return host;
  }

  get pid(): number {
    const pid = this.readPid();
    if (pid === undefined) throw new Error(`The host is not running:\n${this.stderr()}`);
    return pid;
  }

  of<N extends NotificationName>(name: N): NotificationParams<N>[] {
    return (this.received.get(name) ?? []) as NotificationParams<N>[];
  }

  /** Forgets the notifications kept so far (a long run would otherwise hold them all). */
  forgetAll(): void {
    this.received.clear();
  }

  /** Resolves with the first value `probe` returns, checked now and after every notification. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}. Host stderr:\n${this.stderr().slice(-4000)}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Starts a thread and waits until its worktree is ready. */
  async readyThread(projectId: string, title: string, timeoutMs = 60_000): Promise<Thread> {
    const started = await this.client.api.thread.start({ projectId, title });
    const deadline = Date.now() + timeoutMs;
    for (let thread = started; ; thread = await this.client.api.thread.get({ threadId: started.id })) {
      if (thread.status === 'ready') return thread;
      if (!['creating', 'setting_up'].includes(thread.status) || Date.now() > deadline) {
        throw new Error(
          `Thread "${title}" did not become ready: ${thread.status} (${thread.statusDetail ?? ''})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
