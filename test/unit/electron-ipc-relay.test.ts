import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src-shared/bridge';
import { createAppUrlMatcher } from '../../src-main/electron/app-paths';
import { createIpcRelay, MAX_RPC_FRAME_CHARS } from '../../src-main/electron/ipc-relay';
import {
  BrowserWindow,
  dialog,
  fakeIpcEvent,
  FakeWebContents,
  FakeWebFrame,
  ipcMain,
  Notification,
  resetElectronStub,
} from '../support/electron-stub';

const INDEX = '/opt/skein/out/renderer/index.html';

interface Harness {
  window: BrowserWindow;
  toHost: string[];
  fromHost: (text: string) => void;
  dispose: () => void;
}

let harness: Harness;

beforeEach(async () => {
  resetElectronStub();
  const window = new BrowserWindow();
  await window.loadFile(INDEX);
  const toHost: string[] = [];
  const frameListeners = new Set<(text: string) => void>();
  const dispose = createIpcRelay({
    getWindow: () => window as unknown as ElectronBrowserWindow,
    isAppUrl: createAppUrlMatcher({ rendererIndex: INDEX }),
    host: {
      send: (text) => toHost.push(text),
      onFrame: (listener) => {
        frameListeners.add(listener);
        return () => frameListeners.delete(listener);
      },
    },
  });
  harness = {
    window,
    toHost,
    fromHost: (text) => frameListeners.forEach((listener) => listener(text)),
    dispose,
  };
});

afterEach(() => harness.dispose());

const sendRpc = (event: unknown, ...args: unknown[]) => ipcMain.emit(IPC_CHANNELS.rpc, event, ...args);

describe('IPC relay', () => {
  it("relays the app's own frames to the host and the host's frames to the window", () => {
    const own = fakeIpcEvent(harness.window.webContents);
    sendRpc(own, '{"jsonrpc":"2.0","id":1,"method":"host/info"}');
    expect(harness.toHost).toEqual(['{"jsonrpc":"2.0","id":1,"method":"host/info"}']);

    harness.fromHost('{"jsonrpc":"2.0","id":1,"result":{}}');
    expect(harness.window.webContents.sent).toEqual([
      { channel: IPC_CHANNELS.rpc, args: ['{"jsonrpc":"2.0","id":1,"result":{}}'] },
    ]);
  });

  it('accepts the app page with a hash or query (client-side routing)', () => {
    harness.window.webContents.mainFrame.url = `file://${INDEX}#/threads/1`;
    sendRpc(fakeIpcEvent(harness.window.webContents), 'x');
    expect(harness.toHost).toEqual(['x']);
  });

  it('drops frames from another webContents', () => {
    const stranger = new FakeWebContents(`file://${INDEX}`);
    sendRpc(fakeIpcEvent(stranger), 'from-stranger');
    expect(harness.toHost).toEqual([]);
  });

  it('drops frames from a subframe, a foreign page, or a frame that is gone', () => {
    const contents = harness.window.webContents;
    sendRpc(fakeIpcEvent(contents, new FakeWebFrame(`file://${INDEX}`, contents.mainFrame)), 'iframe');
    contents.mainFrame.url = 'https://evil.example/';
    sendRpc(fakeIpcEvent(contents), 'foreign');
    contents.mainFrame.url = 'file:///tmp/other.html';
    sendRpc(fakeIpcEvent(contents), 'other-file');
    sendRpc(fakeIpcEvent(contents, null), 'gone');
    expect(harness.toHost).toEqual([]);
  });

  it('drops frames that are not strings or exceed the size cap', () => {
    const own = fakeIpcEvent(harness.window.webContents);
    sendRpc(own, { jsonrpc: '2.0' });
    sendRpc(own, 'x'.repeat(MAX_RPC_FRAME_CHARS + 1));
    expect(harness.toHost).toEqual([]);
  });

  it("drops secrets frames from the window: that channel is main's and the host's alone", () => {
    const own = fakeIpcEvent(harness.window.webContents);
    sendRpc(own, '{"jsonrpc":"2.0","method":"secrets/unseal","id":"skein-secrets:x","params":{}}');
    sendRpc(own, '{"jsonrpc":"2.0","id":"skein-secrets:x","result":{"text":"forged","reseal":false}}');
    expect(harness.toHost).toEqual([]);
  });

  it('does not send to a destroyed window', () => {
    harness.window.destroy();
    harness.fromHost('late');
    expect(harness.window.webContents.sent).toEqual([]);
  });

  it('opens the folder picker for the app and refuses strangers', async () => {
    dialog.nextResult = { canceled: false, filePaths: ['/home/me/repo'] };
    await expect(
      ipcMain.invokeFromRenderer(IPC_CHANNELS.pickFolder, fakeIpcEvent(harness.window.webContents)),
    ).resolves.toBe('/home/me/repo');
    expect(dialog.calls).toHaveLength(1);
    expect(dialog.calls[0]?.[1]).toMatchObject({
      properties: expect.arrayContaining(['openDirectory']) as unknown,
    });

    dialog.nextResult = { canceled: true, filePaths: [] };
    await expect(
      ipcMain.invokeFromRenderer(IPC_CHANNELS.pickFolder, fakeIpcEvent(harness.window.webContents)),
    ).resolves.toBeNull();

    await expect(
      ipcMain.invokeFromRenderer(
        IPC_CHANNELS.pickFolder,
        fakeIpcEvent(new FakeWebContents(`file://${INDEX}`)),
      ),
    ).rejects.toThrow(/Refused/);
    expect(dialog.calls).toHaveLength(2);
  });

  it('shows notifications for the app only, with string arguments', () => {
    ipcMain.emit(
      IPC_CHANNELS.notify,
      fakeIpcEvent(harness.window.webContents),
      'Approval needed',
      'Thread "fix" wants to run npm test',
    );
    ipcMain.emit(IPC_CHANNELS.notify, fakeIpcEvent(new FakeWebContents(`file://${INDEX}`)), 'spoof', 'spoof');
    ipcMain.emit(IPC_CHANNELS.notify, fakeIpcEvent(harness.window.webContents), { title: 'x' }, 1);
    expect(Notification.shown).toEqual([
      { title: 'Approval needed', body: 'Thread "fix" wants to run npm test' },
    ]);
  });

  it('removes every listener and handler when disposed', () => {
    harness.dispose();
    expect(ipcMain.listenerCount(IPC_CHANNELS.rpc)).toBe(0);
    expect(ipcMain.listenerCount(IPC_CHANNELS.notify)).toBe(0);
    expect(ipcMain.handlers.size).toBe(0);
    harness.dispose = () => undefined;
  });
});

describe('app URL matcher', () => {
  it('in development accepts only the dev server origin', () => {
    const isAppUrl = createAppUrlMatcher({ rendererIndex: INDEX, devServerUrl: 'http://localhost:5173' });
    expect(isAppUrl('http://localhost:5173/some/route')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    expect(isAppUrl(`file://${INDEX}`)).toBe(false);
  });
});
