import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApprovalDecision } from '../../src-shared/contract';
import type { BackendApprovalRequest, BackendEvent, BackendHooks } from '../../src-main/core/agents/backends';
import type { TempDirs } from './git-repo';

const HERE = dirname(fileURLToPath(import.meta.url));

export const SCRIPTED_ANTHROPIC_KEY = 'sk-ant-scripted-claude';

/**
 * Recorded Claude Code SDK messages (captured from Claude Code 2.1.330 against the scripted model
 * server; the worktree path replaced by /work/tree, one JSON message per line).
 */
export function readClaudeFixture(name: string): Record<string, unknown>[] {
  const text = readFileSync(join(HERE, 'claude-fixtures', `${name}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * A proxy that accepts nothing and remembers every attempt (the idea of the Codex tests'
 * tripwire). Claude Code honours HTTPS_PROXY/HTTP_PROXY with NO_PROXY for the scripted server, so
 * anything it tries to reach besides the scripted server shows up here instead of leaving.
 */
export interface ClaudeTripwire {
  readonly url: string;
  readonly attempts: string[];
  close(): Promise<void>;
}

export async function startClaudeTripwire(): Promise<ClaudeTripwire> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    attempts.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket: Socket) => {
    attempts.push(`CONNECT ${req.url ?? '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

export interface ClaudeSandbox {
  home: string;
  configDir: string;
  /** The base environment: isolated HOME and CLAUDE_CONFIG_DIR, the tripwire proxy, no real keys. */
  env: NodeJS.ProcessEnv;
}

/** A throwaway HOME with its own CLAUDE_CONFIG_DIR, so the real ~/.claude is never read or written. */
export function createClaudeSandbox(temp: TempDirs, proxyUrl: string): ClaudeSandbox {
  const root = temp.make('skein-claude-');
  const home = join(root, 'home');
  const configDir = join(home, '.claude');
  mkdirSync(configDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    ALL_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
    all_proxy: proxyUrl,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  if (process.env.GIT_CONFIG_GLOBAL !== undefined) env.GIT_CONFIG_GLOBAL = process.env.GIT_CONFIG_GLOBAL;
  return { home, configDir, env };
}

/** Pids of live processes whose environment mentions `marker` (a temp config dir): leftovers. */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

/** Hooks that record every event and answer approvals with `decide` (after recording the request). */
export function recordingClaudeHooks(
  decide: (request: BackendApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>,
) {
  const events: BackendEvent[] = [];
  const approvals: BackendApprovalRequest[] = [];
  const waiters: { test: (event: BackendEvent) => boolean; resolve: (event: BackendEvent) => void }[] = [];
  const hooks: BackendHooks = {
    onEvent(event) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.test(event)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    },
    async onApproval(request) {
      approvals.push(request);
      return decide(request);
    },
  };
  const next = (test: (event: BackendEvent) => boolean): Promise<BackendEvent> => {
    const seen = events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  };
  const turnCompleted = (backendTurnId: string) =>
    next((event) => event.type === 'turn/completed' && event.backendTurnId === backendTurnId) as Promise<
      Extract<BackendEvent, { type: 'turn/completed' }>
    >;
  return { hooks, events, approvals, next, turnCompleted };
}
