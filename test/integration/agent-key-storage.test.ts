import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRpcClient, type RpcClient } from '../../src-shared/contract';
import { KEY_FILE, SEALED_KEY_FILE } from '../../src-main/core/agents';
import { createChildHostLauncher } from '../../src-main/electron/host-process';
import { createHostSupervisor, type HostSupervisor } from '../../src-main/electron/host-supervisor';
import { createSecretsHandler, NO_KEYRING_DETAIL } from '../../src-main/electron/secrets-handler';
import { agentEnv } from '../support/agent-host';
import { resetElectronStub, safeStorage } from '../support/electron-stub';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { REPO_ROOT, skeinCliArgs } from '../support/skein-cli-process';

const OPENAI_KEY = 'sk-desktop-openai-7d41e0b2';
const LEGACY_ANTHROPIC_KEY = 'sk-ant-legacy-plain-2a9c';

const dirs = new TempDirs();
let server: ModelServer;
const supervisors: HostSupervisor[] = [];

beforeEach(async () => {
  resetElectronStub();
  server = await startModelServer();
});
afterEach(async () => {
  for (const supervisor of supervisors.splice(0)) await supervisor.stop();
  await server.close();
  dirs.cleanup();
});

/** The desktop app's arrangement: the real host as a child process, supervised by main's code with safeStorage. */
function startDesktopHost(dataDir: string): { client: RpcClient; toWindow: string[] } {
  const env = agentEnv(server, dirs, { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', SKEIN_LOG_LEVEL: 'warn' });
  const supervisor = createHostSupervisor({
    launch: createChildHostLauncher({
      command: process.execPath,
      args: [...skeinCliArgs(), 'host', '--stdio', '--parent-secrets', '--data', dataDir],
      cwd: REPO_ROOT,
      env,
    }),
    secrets: createSecretsHandler(safeStorage, 'linux'),
  });
  supervisors.push(supervisor);
  const toWindow: string[] = [];
  supervisor.onFrame((text) => toWindow.push(text));
  supervisor.start();
  const client = createRpcClient({
    send: (text) => supervisor.send(text),
    onMessage: (listener) => supervisor.onFrame(listener),
    onClose: () => () => undefined,
    close: () => undefined,
  });
  return { client, toWindow };
}

/** Every byte the host wrote to its data folder, as text (database, WAL, key files). */
function dataFolderText(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

function keysSeenByServer(): (string | undefined)[] {
  return server.requests.filter((request) => request.api === 'models').map((request) => request.apiKey);
}

describe('provider keys in the desktop app', () => {
  it('are sealed with safeStorage through main, adopted from the old plain file, and survive a restart', async () => {
    const dataDir = dirs.make('skein-keys-data-');
    writeFileSync(join(dataDir, KEY_FILE), JSON.stringify({ anthropic: LEGACY_ANTHROPIC_KEY }), {
      mode: 0o600,
    });
    let desktop = startDesktopHost(dataDir);

    const view = await desktop.client.api.agent.getSettings({});
    expect(view.keyStorage).toEqual({ kind: 'safe-storage', detail: null });
    expect(view.keys).toEqual({ openai: null, anthropic: 'stored' });
    expect(existsSync(join(dataDir, KEY_FILE))).toBe(false);

    await desktop.client.api.agent.setKey({ provider: 'openai', apiKey: OPENAI_KEY });
    expect((await desktop.client.api.agent.getSettings({})).keys).toEqual({
      openai: 'stored',
      anthropic: 'stored',
    });
    expect(statSync(join(dataDir, SEALED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(safeStorage.sealed).toBeGreaterThanOrEqual(2);

    // The host really holds the keys: it lists models with them.
    await desktop.client.api.agent.models({});
    expect(keysSeenByServer()).toEqual(expect.arrayContaining([OPENAI_KEY, LEGACY_ANTHROPIC_KEY]));

    const sealedText = readFileSync(join(dataDir, SEALED_KEY_FILE), 'utf8');
    for (const key of [OPENAI_KEY, LEGACY_ANTHROPIC_KEY]) {
      expect(dataFolderText(dataDir)).not.toContain(key);
      expect(Buffer.from(sealedText, 'utf8').toString()).not.toContain(Buffer.from(key).toString('base64'));
      // Nothing the window could see carries a key or a secrets frame.
      expect(desktop.toWindow.join('\n')).not.toContain(key);
    }
    expect(desktop.toWindow.join('\n')).not.toContain('secrets/');

    for (const supervisor of supervisors.splice(0)) await supervisor.stop();
    const seenBefore = keysSeenByServer().length;
    desktop = startDesktopHost(dataDir);
    await desktop.client.api.agent.models({});
    expect(keysSeenByServer().slice(seenBefore)).toEqual(
      expect.arrayContaining([OPENAI_KEY, LEGACY_ANTHROPIC_KEY]),
    );
  });

  it('fall back to the 0600 file when no keyring works, and the settings say so', async () => {
    safeStorage.available = false;
    const dataDir = dirs.make('skein-keys-data-');
    const desktop = startDesktopHost(dataDir);
    await desktop.client.api.agent.setKey({ provider: 'openai', apiKey: OPENAI_KEY });
    const view = await desktop.client.api.agent.getSettings({});
    expect(view.keyStorage).toEqual({ kind: 'file', detail: NO_KEYRING_DETAIL });
    expect(view.keys.openai).toBe('stored');
    expect(statSync(join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, SEALED_KEY_FILE))).toBe(false);
    expect(safeStorage.sealed).toBe(0);
  });
});
