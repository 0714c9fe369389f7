import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApprovalDecision } from '../../src-shared/contract';
import type { BackendApprovalRequest, BackendEvent, BackendHooks } from '../../src-main/core/agents/backends';
import type { TempDirs } from './git-repo';
import { readJsonlFixture } from './tripwire-proxy';

const HERE = dirname(fileURLToPath(import.meta.url));

export const SCRIPTED_ANTHROPIC_KEY = 'sk-ant-scripted-claude';

/**
 * Recorded Claude Code SDK messages (captured from Claude Code 2.1.330 against the scripted model
 * server; the worktree path replaced by /work/tree, one JSON message per line).
 */
export function readClaudeFixture(name: string): Record<string, unknown>[] {
  return readJsonlFixture(join(HERE, 'claude-fixtures', `${name}.jsonl`));
}

/** The shared tripwire (see tripwire-proxy.ts), under the names the Claude tests use. */
export {
  startTripwireProxy as startClaudeTripwire,
  type TripwireProxy as ClaudeTripwire,
} from './tripwire-proxy';

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
