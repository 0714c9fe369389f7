import {
  createChannelPair,
  createRpcClient,
  RpcError,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';

/** A real host on a data dir, with a client connected through the contract (in-process channel). */
export interface ThreadsTestHost {
  host: Host;
  client: RpcClient;
  dataDir: string;
  /** Every `thread/updated` received, in order. */
  updates: Thread[];
  /** Resolves with the thread once it satisfies `done` (checked now and on every `thread/updated`). */
  waitForThread(threadId: string, done: (thread: Thread) => boolean, timeoutMs?: number): Promise<Thread>;
  waitForStatus(threadId: string, status: Thread['status'], timeoutMs?: number): Promise<Thread>;
  close(): Promise<void>;
}

export async function startThreadsHost(dataDir: string, gitConcurrency?: number): Promise<ThreadsTestHost> {
  const host = await createHost({ dataDir, shell: '/bin/sh', gitConcurrency });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  const client = createRpcClient(clientSide);
  const updates: Thread[] = [];
  client.on('thread/updated', ({ thread }) => updates.push(thread));

  const waitForThread = (
    threadId: string,
    done: (thread: Thread) => boolean,
    timeoutMs = 30_000,
  ): Promise<Thread> =>
    new Promise<Thread>((resolve, reject) => {
      let finished = false;
      const finish = (error: Error | null, thread?: Thread) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        stop();
        if (error) reject(error);
        else resolve(thread as Thread);
      };
      const timer = setTimeout(() => {
        void client.api.thread
          .get({ threadId })
          .then((thread) =>
            finish(
              new Error(
                `Thread ${threadId} did not reach the expected state in ${timeoutMs} ms; it is ${thread.status} (${thread.statusDetail ?? ''})`,
              ),
            ),
          )
          .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
      }, timeoutMs);
      const stop = client.on('thread/updated', ({ thread }) => {
        if (thread.id === threadId && done(thread)) finish(null, thread);
      });
      void client.api.thread.get({ threadId }).then(
        (thread) => {
          if (done(thread)) finish(null, thread);
        },
        (error: unknown) => {
          if (!(error instanceof RpcError && error.kind === 'NOT_FOUND'))
            finish(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  return {
    host,
    client,
    dataDir,
    updates,
    waitForThread,
    waitForStatus: (threadId, status, timeoutMs) =>
      waitForThread(threadId, (thread) => thread.status === status, timeoutMs),
    async close() {
      client.close();
      await host.dispose();
    },
  };
}

/** The RpcError a call failed with (fails the test if it succeeded). */
export async function rpcFailure(call: Promise<unknown>): Promise<RpcError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
