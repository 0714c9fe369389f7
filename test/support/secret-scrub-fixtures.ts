import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createChannelPair,
  createRpcClient,
  type ApprovalPolicy,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { createRepo, type TempDirs } from './git-repo';

/** The provider key the scrub tests store: what every marker `[secret: openai key]` stands for. */
export const PLANTED_PROVIDER_KEY = 'sk-planted-QZ-openai-7c1e5b20d9f4';
export const PROVIDER_KEY_MARKER = '[secret: openai key]';

export async function waitFor<T>(
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Which of `values` `text` holds, whole or as a piece long enough to mean something. */
export function plantedIn(values: readonly string[], text: string): string[] {
  const PIECE = 10;
  return values.filter((value) => {
    for (let at = 0; at + PIECE <= value.length; at++)
      if (text.includes(value.slice(at, at + PIECE))) return true;
    return false;
  });
}

/** Every `item/delta` text the client got, joined per item and stream (a split value would join again). */
export function joinedDeltas(frames: readonly string[]): string[] {
  const joined = new Map<string, string>();
  for (const frame of frames) {
    const message = JSON.parse(frame) as {
      method?: string;
      params?: { itemId: string; stream: string; delta: string };
    };
    if (message.method !== 'item/delta' || !message.params) continue;
    const key = `${message.params.itemId}/${message.params.stream}`;
    joined.set(key, (joined.get(key) ?? '') + message.params.delta);
  }
  return [...joined.values()];
}

/** Every byte of the database and its WAL, as text. */
export function databaseText(dataDir: string): string {
  return ['skein.db', 'skein.db-wal']
    .filter((file) => existsSync(join(dataDir, file)))
    .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
    .join('\n');
}

export interface ScrubHost {
  host: Host;
  client: RpcClient;
  api: RpcClient['api'];
  /** Every raw frame the client received, in order. */
  frames: string[];
  thread: Thread;
}

/**
 * A host with the planted provider key stored, a client whose raw frames are kept, and a ready
 * thread. The caller closes `client` and disposes `host`.
 */
export async function startScrubHost(
  dirs: TempDirs,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  approvalPolicy: ApprovalPolicy = 'never',
): Promise<ScrubHost> {
  const host = await createHost({ dataDir, shell: '/bin/sh', agents: { env } });
  const [hostSide, clientSide] = createChannelPair();
  const frames: string[] = [];
  clientSide.onMessage((text) => frames.push(text));
  host.connect(hostSide);
  const client = createRpcClient(clientSide);
  try {
    const api = client.api;
    await api.agent.setKey({ provider: 'openai', apiKey: PLANTED_PROVIDER_KEY });
    await api.agent.setSettings({ scope: 'user', settings: { approvalPolicy } });
    const repo = createRepo(dirs, { files: { 'README.md': '# demo\n' } });
    const project = await api.project.add({ path: repo.path });
    await api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const opened = await api.thread.start({ projectId: project.id, title: 'Scrub' });
    await waitFor(
      () =>
        opened.status === 'ready' ||
        frames.some(
          (frame) =>
            frame.includes('"thread/updated"') &&
            frame.includes(opened.id) &&
            frame.includes('"status":"ready"'),
        ),
      'the thread to be ready',
    );
    const thread = await api.thread.get({ threadId: opened.id });
    return { host, client, api, frames, thread };
  } catch (error) {
    client.close();
    await host.dispose();
    throw error;
  }
}
