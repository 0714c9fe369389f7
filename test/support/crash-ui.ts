import type { Item, RpcClient, Thread, Turn } from '../../src-shared/contract';
import type { SkeinBridge } from '../../src-shared/bridge';
import type { HostSupervisor } from '../../src-main/electron/host-supervisor';
import { startSession, useSession } from '../../src-renderer/lib/session';
import { waitUntil } from './crash-fixtures';
import { createRepo, type TempDirs } from './git-repo';

/**
 * A restart is a host start: about 1 s on an idle 2-core machine, but 10–30 s at a load average of 20
 * (seven test suites at once), so the bound is generous; a hang still fails.
 */
const CONNECT_TIMEOUT_MS = 180_000;

/** What the window was told about one item: its last status in a notification, and its text if any. */
export interface SeenItem {
  id: string;
  threadId: string;
  turnId: string;
  status: Item['status'];
  kind: Item['kind'];
}

/**
 * The desktop window as far as reconnecting goes: the renderer's own session code (src-renderer/lib/session.ts)
 * over a preload-shaped bridge on the supervisor, exactly the pipe the IPC relay gives it. Each
 * connection (the first and every one after `host/restarted`) is prepared like sync-state.ts does:
 * notifications wired, `host/hello`, the thread list fetched. Records everything the window was told.
 */
export class CrashUi {
  readonly items = new Map<string, SeenItem>();
  readonly turns = new Map<string, Turn>();
  /** `terminal/data` per terminal, the last 64 KiB. */
  readonly terminalData = new Map<string, string>();
  /** Connections prepared so far (1 + reconnects). */
  syncs = 0;
  private readonly stopSession: () => void;

  constructor(supervisor: HostSupervisor) {
    const bridge: SkeinBridge = {
      send: (text) => supervisor.send(text),
      onMessage: (listener) => supervisor.onFrame(listener),
      pickFolder: () => Promise.resolve(null),
      notify: () => undefined,
      onNotificationClick: () => () => undefined,
    };
    (globalThis as { window?: unknown }).window = { skein: bridge };
    // The session store is a module singleton: integration files share modules (isolate: false), so a
    // window of an earlier file would otherwise leave its closed client here, looking connected.
    useSession.setState(useSession.getInitialState(), true);
    this.stopSession = startSession((client) => this.prepare(client));
  }

  private async prepare(client: RpcClient): Promise<void> {
    const remember = (item: Item) =>
      this.items.set(item.id, {
        id: item.id,
        threadId: item.threadId,
        turnId: item.turnId,
        status: item.status,
        kind: item.kind,
      });
    client.on('item/started', ({ item }) => {
      if (!this.items.has(item.id)) remember(item);
    });
    client.on('item/completed', ({ item }) => remember(item));
    client.on('turn/started', ({ turn }) => this.turns.set(turn.id, turn));
    client.on('turn/completed', ({ turn }) => this.turns.set(turn.id, turn));
    client.on('terminal/data', ({ terminalId, data }) => {
      const text = (this.terminalData.get(terminalId) ?? '') + data;
      this.terminalData.set(terminalId, text.slice(-65_536));
      // Acknowledged as the terminal view does once drawn, so a flood is not held back by flow control.
      void client.api.terminal.ack({ terminalId, chars: data.length }).catch(() => undefined);
    });
    await client.api.host.hello({});
    await client.api.thread.list({ includeArchived: true });
    this.syncs += 1;
  }

  /** The connected client; throws while the session is (re)connecting. */
  client(): RpcClient {
    const { status, client } = useSession.getState();
    if (status !== 'connected' || !client) throw new Error(`The window is ${status}, not connected.`);
    return client;
  }

  /** Resolves once the window is connected and synced on a connection other than `previous`. */
  async connected(previous: RpcClient | null = null, timeoutMs = CONNECT_TIMEOUT_MS): Promise<RpcClient> {
    try {
      return await waitUntil(
        () => {
          const { status, client } = useSession.getState();
          return status === 'connected' && client && client !== previous ? client : undefined;
        },
        'the window to connect',
        timeoutMs,
      );
    } catch (error) {
      const { status, lastError } = useSession.getState();
      throw new Error(
        `${error instanceof Error ? error.message : String(error)} (session ${status}, last error ${lastError ?? 'none'}, ${this.syncs} syncs)`,
      );
    }
  }

  status(): string {
    return useSession.getState().status;
  }

  forgetSeen(): void {
    this.items.clear();
    this.turns.clear();
    this.terminalData.clear();
  }

  stop(): void {
    this.stopSession();
    delete (globalThis as { window?: unknown }).window;
  }
}

/** A new repository added as a project (no pool), and a ready thread of it. */
export async function readyThread(client: RpcClient, dirs: TempDirs): Promise<Thread> {
  const repo = createRepo(dirs, { files: { 'README.md': '# crash\n' } });
  const project = await client.api.project.add({ path: repo.path });
  await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const started = await client.api.thread.start({ projectId: project.id, title: 'Crash work' });
  return waitUntil(async () => {
    const thread = await client.api.thread.get({ threadId: started.id });
    return thread.status === 'ready' ? thread : undefined;
  }, 'the thread to be ready');
}
