/**
 * Starts bare-relay-server.ts in its own Node process and hands out its address: the floor of the
 * terminal-throughput benchmark (what any host with a pty in another process costs on this machine).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const START_TIMEOUT_MS = 30_000;
const SERVER = fileURLToPath(new URL('./bare-relay-server.ts', import.meta.url));

export interface BareRelay {
  url: string;
  /** The relay's process; the ptys it spawns are its children. */
  pid: number;
  stop(): Promise<void>;
}

export async function startBareRelay(): Promise<BareRelay> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`The bare relay did not start within ${START_TIMEOUT_MS} ms: ${output}`)),
        START_TIMEOUT_MS,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /bare relay at (ws:\/\/\S+)/.exec(output);
        if (!match?.[1]) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      void exited.then(() => reject(new Error(`The bare relay exited: ${output}`)));
    });
    if (child.pid === undefined) throw new Error('The bare relay has no pid');
    return { url, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
