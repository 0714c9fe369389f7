import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApprovalDecision } from '../../src-shared/contract';
import type { BackendApprovalRequest, BackendEvent, BackendHooks } from '../../src-main/core/agents/backends';
import type { TempDirs } from './git-repo';
import { readJsonlFixture } from './tripwire-proxy';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The Codex CLI installed from npm (`@openai/codex`, a Node launcher for its native binary). */
export const CODEX_BIN = join(HERE, '..', '..', 'node_modules', '.bin', 'codex');

/** The env var our scripted provider names in `env_key`; Codex sends its value as the bearer token. */
export const SCRIPTED_KEY_ENV = 'SKEIN_SCRIPTED_KEY';
export const SCRIPTED_KEY = 'sk-scripted-codex';

/** Recorded app-server messages (captured from codex-cli 0.169.0; worktree shown as /work/tree). */
export function readCodexFixture(name: string): Record<string, unknown>[] {
  return readJsonlFixture(join(HERE, 'codex-fixtures', `${name}.jsonl`));
}

export { startTripwireProxy, type TripwireProxy } from './tripwire-proxy';

export interface CodexSandbox {
  home: string;
  codexHome: string;
  /** The environment for the Codex process: isolated HOME, CODEX_HOME and TMPDIR, the tripwire proxy. */
  env: NodeJS.ProcessEnv;
}

/**
 * A throwaway HOME with CODEX_HOME in it, configured for the scripted model server. TMPDIR points
 * elsewhere on purpose: Codex refuses to create its sandbox helper (codex-linux-sandbox) when
 * CODEX_HOME lies under the temp dir, and every sandboxed command then fails.
 */
export function createCodexSandbox(temp: TempDirs, modelServerUrl: string, proxyUrl: string): CodexSandbox {
  const root = temp.make('skein-codex-');
  const home = join(root, 'home');
  const codexHome = join(home, '.codex');
  const tmp = join(root, 'tmp');
  for (const dir of [codexHome, tmp]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(codexHome, 'config.toml'),
    [
      'model = "skein-scripted-model"',
      'model_provider = "scripted"',
      '',
      '[model_providers.scripted]',
      'name = "Scripted"',
      `base_url = "${modelServerUrl}/v1"`,
      'wire_api = "responses"',
      `env_key = "${SCRIPTED_KEY_ENV}"`,
      '',
      '[analytics]',
      'enabled = false',
      '',
      // Plugins sync a curated marketplace from github.com and chatgpt.com at every start (0.169.0).
      '[features]',
      'plugins = false',
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: tmp,
    LANG: 'C.UTF-8',
    [SCRIPTED_KEY_ENV]: SCRIPTED_KEY,
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
  return { home, codexHome, env };
}

/** Hooks that record every event and answer approvals with `decide` (after recording the request). */
export function recordingHooks(
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
  /** The next event (or one already seen) matching `test`. */
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
