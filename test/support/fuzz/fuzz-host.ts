import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRpcClient, type RpcClient } from '../../../src-shared/contract';
import { createStdioChannel, type StdioChannel } from '../../../src-main/host/transports/stdio-channel';
import { git } from '../git-repo';
import { skeinCliArgs } from '../skein-cli-process';
import type { FuzzWorld } from './fuzz-values';

/**
 * A real `skein host --stdio` child for fuzzing, in a world of its own: data dir, HOME and working
 * folder under one temp root (so relative paths and `~` land there), a terminal "shell" that only
 * echoes, and every model provider pointed at a closed loopback port.
 */
export interface FuzzHost {
  readonly world: FuzzWorld;
  readonly child: ChildProcessWithoutNullStreams;
  /** The typed client used for setup and the final health check. */
  readonly client: RpcClient;
  /** Writes frames to the host's stdin in one write (they must not contain newlines). */
  write(frames: readonly string[]): void;
  /** Every frame the host sends, parsed; called for each. */
  onFrame(listener: (frame: unknown, text: string) => void): () => void;
  /** Resident memory of the host process in bytes (from /proc). */
  rssBytes(): number;
  alive(): boolean;
  stderr(): string;
  /** The host's child processes (pid, seconds running, command): what a silent answer is waiting on. */
  children(): string;
  dispose(): Promise<void>;
}

/** A loopback port nothing listens on (the discard port): model calls fail at once instead of hanging. */
const DEAD_URL = 'http://127.0.0.1:9';
const SETUP_TIMEOUT_MS = 120_000;

/** Stands in for the user's shell: `-c CMD` runs CMD, an interactive session only echoes what is typed. */
const FAKE_SHELL = `#!/bin/sh
while [ $# -gt 0 ]; do
  if [ "$1" = "-c" ]; then shift; exec /bin/sh -c "$1"; fi
  shift
done
exec cat
`;

function cliArgs(): string[] {
  // `--import tsx` resolves from the working folder, which is the temp world here: give its full URL.
  return skeinCliArgs().map((arg) => (arg === 'tsx' ? import.meta.resolve('tsx') : arg));
}

function hostEnv(world: FuzzWorld, shell: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'CODEX_HOME',
    'SKEIN_ADMIN_REQUIREMENTS',
    'XDG_CONFIG_HOME',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    HOME: world.home,
    SHELL: shell,
    SKEIN_LOG_LEVEL: 'error',
    OPENAI_API_KEY: 'sk-fuzz-not-a-key',
    OPENAI_BASE_URL: `${DEAD_URL}/v1`,
    ANTHROPIC_API_KEY: 'sk-ant-fuzz-not-a-key',
    ANTHROPIC_BASE_URL: DEAD_URL,
    OLLAMA_HOST: DEAD_URL,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Skein Fuzz',
    GIT_AUTHOR_EMAIL: 'fuzz@skein.invalid',
    GIT_COMMITTER_NAME: 'Skein Fuzz',
    GIT_COMMITTER_EMAIL: 'fuzz@skein.invalid',
  };
}

function makeWorld(): { world: FuzzWorld; cwd: string; data: string; shell: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'skein-fuzz-')));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  const cwd = join(root, 'cwd');
  const data = join(root, 'data');
  const shell = join(root, 'bin', 'fake-shell');
  for (const dir of [home, repo, cwd, data, join(root, 'bin')]) mkdirSync(dir, { recursive: true });
  writeFileSync(shell, FAKE_SHELL);
  chmodSync(shell, 0o755);
  git(repo, ['init', '--quiet', '--initial-branch=main']);
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'README.md'), '# fuzz\n');
  writeFileSync(join(repo, 'src', 'app.ts'), 'export const app = 1;\n');
  git(repo, ['add', '--all']);
  git(repo, ['commit', '--quiet', '-m', 'Initial commit']);
  const world: FuzzWorld = {
    root,
    home,
    repo,
    projectIds: [],
    threadIds: [],
    victimThreadIds: [],
    terminalIds: [],
  };
  return { world, cwd, data, shell };
}

/** Starts the host and builds the fixtures the fuzz aims at: a project, two threads, a terminal. */
export async function startFuzzHost(): Promise<FuzzHost> {
  const { world, cwd, data, shell } = makeWorld();
  const child = spawn(process.execPath, [...cliArgs(), 'host', '--stdio', '--data', data], {
    cwd,
    env: hostEnv(world, shell),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // Keep the tail only: a long run would otherwise hold every log line.
    stderr = (stderr + chunk).slice(-20_000);
  });
  const channel: StdioChannel = createStdioChannel({
    input: child.stdout,
    output: child.stdin,
    ownsStreams: true,
  });
  const listeners = new Set<(frame: unknown, text: string) => void>();
  channel.onMessage((text) => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = { unparseable: text.slice(0, 200) };
    }
    for (const listener of listeners) listener(frame, text);
  });
  const client = createRpcClient(channel);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const host: FuzzHost = {
    world,
    child,
    client,
    write(frames) {
      child.stdin.write(`${frames.join('\n')}\n`);
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      return kib ? Number(kib) * 1024 : 0;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    children() {
      try {
        return execFileSync('ps', ['-o', 'pid=,etimes=,args=', '--ppid', String(child.pid)], {
          encoding: 'utf8',
        });
      } catch {
        return '(none)';
      }
    },
    async dispose() {
      client.close();
      if (host.alive()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(world.root, { recursive: true, force: true });
    },
  };

  try {
    await withTimeout(
      setUpFixtures(host),
      SETUP_TIMEOUT_MS,
      () => `Fuzz host setup timed out. stderr:\n${stderr}`,
    );
  } catch (error) {
    await host.dispose();
    throw error;
  }
  return host;
}

async function setUpFixtures(host: FuzzHost): Promise<void> {
  const { client, world } = host;
  const project = await client.api.project.add({ path: world.repo });
  world.projectIds.push(project.id);
  // No pooled worktrees: fixtures are made on demand, which keeps the start (and the machine) quiet.
  await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const keeper = await client.api.thread.start({ projectId: project.id, title: 'fuzz keeper' });
  const victim = await client.api.thread.start({ projectId: project.id, title: 'fuzz victim' });
  world.threadIds.push(keeper.id);
  world.victimThreadIds.push(victim.id);
  const terminal = await client.api.terminal.open({ threadId: keeper.id });
  world.terminalIds.push(terminal.id);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message())), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
