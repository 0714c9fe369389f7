import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/bridge';
import type * as ElectronStub from '../support/electron-stub';

type Stub = typeof ElectronStub;

/**
 * main.ts runs on import, once per module registry; each test gets a fresh registry, and so a fresh
 * stub instance, which it configures before main runs.
 */
async function loadMain(configure: (stub: Stub) => void = () => undefined): Promise<Stub> {
  const stub = await import('../support/electron-stub');
  configure(stub);
  await import('../../src-main/electron/main');
  await flush();
  return stub;
}

const savedNode = process.env.SKEIN_NODE;

beforeEach(() => {
  vi.resetModules();
  // No real host in a unit test: a Node that does not exist makes every launch fail fast and quietly.
  process.env.SKEIN_NODE = join(tmpdir(), 'skein-test-no-such-node');
});

afterEach(() => {
  if (savedNode === undefined) delete process.env.SKEIN_NODE;
  else process.env.SKEIN_NODE = savedNode;
});

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

// The first test imports main's whole module graph cold: seconds on a busy 2-core machine, not milliseconds.
const IMPORT_TIMEOUT_MS = 30_000;

describe('electron main entry', { timeout: IMPORT_TIMEOUT_MS }, () => {
  it('names the app Skein so userData is the folder the CLI uses, and sandboxes every renderer', async () => {
    const { app } = await loadMain((stub) => (stub.app.singleInstanceLock = false));
    expect(app.getName()).toBe('Skein');
    expect(app.getPath('userData')).toBe('/fake/appData/Skein');
    expect(app.sandboxEnabled).toBe(true);
    // A shell's echo arrives over the network: Chromium must not hold it back until after the next frame.
    expect(app.commandLine.getSwitchValue('disable-features').split(',')).toContain(
      'DeferRendererTasksAfterInput',
    );
  });

  it('quits at once when another instance holds the lock', async () => {
    const { app, BrowserWindow } = await loadMain((stub) => (stub.app.singleInstanceLock = false));
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('wires guards, relay and window, and quits only after the host stopped', async () => {
    const { app, BrowserWindow, ipcMain, session } = await loadMain();
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.permissionCheckHandler).not.toBeNull();
    expect(session.defaultSession.devicePermissionHandler).not.toBeNull();
    expect(session.defaultSession.headersReceived).not.toBeNull();
    // Any webContents created from now on (devtools, a bug) is guarded too.
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(ipcMain.listenerCount(IPC_CHANNELS.rpc)).toBe(1);
    expect(ipcMain.handlers.has(IPC_CHANNELS.pickFolder)).toBe(true);

    const [window] = BrowserWindow.instances;
    expect(window).toBeDefined();
    // The window main really creates carries the whole locked-down set, not just a preload.
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect((window?.options.webPreferences as { preload?: string }).preload).toMatch(
      /preload[\\/]index\.cjs$/,
    );
    expect(window?.loaded).toMatchObject({
      kind: 'file',
      target: expect.stringMatching(/renderer[\\/]index\.html$/) as unknown,
    });
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(true);

    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(app.quitCalls).toBe(0);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 10_000 });
    // The second before-quit (from that app.quit()) goes through.
    let preventedAgain = false;
    app.emit('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
  });

  it('starts the packaged host in a utility process that keeps its keys with safeStorage through main', async () => {
    const { utilityProcess } = await loadMain((stub) => (stub.app.isPackaged = true));
    const [host] = utilityProcess.forked;
    expect(host?.args).toEqual(expect.arrayContaining(['host', '--parent-port', '--parent-secrets']));
    // A secrets request from the host is answered to the host, sealed by the (stand-in) keyring.
    host?.emit(
      'message',
      '{"jsonrpc":"2.0","method":"secrets/seal","id":"skein-secrets:1","params":{"text":"sk-x"}}',
    );
    await vi.waitFor(() => expect(host?.posted).toHaveLength(1));
    const answer = JSON.parse(String(host?.posted[0])) as { id: string; result: { sealed: string } };
    expect(answer.id).toBe('skein-secrets:1');
    expect(answer.result.sealed).not.toContain('sk-x');
  });
});
