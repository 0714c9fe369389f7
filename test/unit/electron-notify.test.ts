import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type SkeinBridge } from '../../src-shared/bridge';
import { createAppUrlMatcher } from '../../src-main/electron/app-paths';
import { createIpcRelay } from '../../src-main/electron/ipc-relay';
import {
  BrowserWindow,
  contextBridge,
  fakeIpcEvent,
  FakeWebContents,
  ipcMain,
  ipcRenderer,
  Notification,
  resetElectronStub,
} from '../support/electron-stub';

const INDEX = '/opt/skein/out/renderer/index.html';
const THREAD = '3f2a9c1e-5b7d-4e10-9a8b-0c1d2e3f4a5b';

let bridge: SkeinBridge;
let window: BrowserWindow;
let dispose: () => void;

beforeAll(async () => {
  resetElectronStub();
  await import('../../src-preload/index');
  bridge = contextBridge.exposed.get('skein') as SkeinBridge;
});

beforeEach(async () => {
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.sent.length = 0;
  Notification.shown.length = 0;
  Notification.instances.length = 0;
  window = new BrowserWindow();
  await window.loadFile(INDEX);
  dispose = createIpcRelay({
    getWindow: () => window as unknown as ElectronBrowserWindow,
    isAppUrl: createAppUrlMatcher({ rendererIndex: INDEX }),
    host: { send: () => undefined, onFrame: () => () => undefined },
  });
});

afterEach(() => dispose());

/** What the preload put on the notify channel, delivered to main as the window's own message. */
function deliverNotifyToMain(): void {
  for (const { channel, args } of ipcRenderer.sent.splice(0)) {
    if (channel === IPC_CHANNELS.notify) ipcMain.emit(channel, fakeIpcEvent(window.webContents), ...args);
  }
}

describe('desktop notifications with a thread', () => {
  it('round-trips a click: the window comes forward and the page hears the thread id', () => {
    const opened: string[] = [];
    const off = bridge.onNotificationClick((threadId) => opened.push(threadId));
    const focus = vi.spyOn(window, 'focus');
    bridge.notify('Fix login needs you', 'Run: npm test', { threadId: THREAD, kind: 'needs-you' });
    expect(ipcRenderer.sent).toEqual([
      {
        channel: IPC_CHANNELS.notify,
        args: ['Fix login needs you', 'Run: npm test', { threadId: THREAD, kind: 'needs-you' }],
      },
    ]);
    deliverNotifyToMain();
    expect(Notification.shown).toEqual([{ title: 'Fix login needs you', body: 'Run: npm test' }]);

    Notification.instances[0]?.emit('click');
    expect(focus).toHaveBeenCalledTimes(1);
    expect(window.shown).toBe(true);
    const clicked = window.webContents.sent.filter(
      (entry) => entry.channel === IPC_CHANNELS.notificationClicked,
    );
    expect(clicked).toEqual([{ channel: IPC_CHANNELS.notificationClicked, args: [THREAD] }]);

    for (const entry of clicked) ipcRenderer.receiveFromMain(entry.channel, ...entry.args);
    expect(opened).toEqual([THREAD]);
    off();
    ipcRenderer.receiveFromMain(IPC_CHANNELS.notificationClicked, THREAD);
    expect(opened).toEqual([THREAD]);
  });

  it('a notification without a thread shows and has no click action', () => {
    bridge.notify('Done', 'All good');
    expect(ipcRenderer.sent[0]?.args).toEqual(['Done', 'All good']);
    deliverNotifyToMain();
    expect(Notification.shown).toHaveLength(1);
    Notification.instances[0]?.emit('click');
    expect(window.webContents.sent).toEqual([]);
  });

  it('main drops invalid targets and untrusted senders', () => {
    const own = fakeIpcEvent(window.webContents);
    ipcMain.emit(IPC_CHANNELS.notify, own, 'a', 'b', { threadId: '../../etc', kind: 'done' });
    ipcMain.emit(IPC_CHANNELS.notify, own, 'a', 'b', { threadId: THREAD, kind: 'urgent' });
    ipcMain.emit(IPC_CHANNELS.notify, own, 'a', 'b', THREAD);
    ipcMain.emit(IPC_CHANNELS.notify, own, 'a', 'b', { threadId: THREAD, kind: 'done' }, 'extra');
    ipcMain.emit(IPC_CHANNELS.notify, fakeIpcEvent(new FakeWebContents(`file://${INDEX}`)), 'a', 'b', {
      threadId: THREAD,
      kind: 'done',
    });
    expect(Notification.shown).toEqual([]);
    ipcMain.emit(IPC_CHANNELS.notify, own, 'ok', 'shown', { threadId: THREAD, kind: 'done' });
    expect(Notification.shown).toEqual([{ title: 'ok', body: 'shown' }]);
  });

  it('the preload leaves off a target that is not one, and ignores clicks that are not thread ids', () => {
    const opened: string[] = [];
    const off = bridge.onNotificationClick((threadId) => opened.push(threadId));
    (bridge.notify as (title: string, body: string, target: unknown) => void)('t', 'b', { threadId: 42 });
    expect(ipcRenderer.sent).toEqual([{ channel: IPC_CHANNELS.notify, args: ['t', 'b'] }]);
    ipcRenderer.receiveFromMain(IPC_CHANNELS.notificationClicked, { threadId: THREAD });
    ipcRenderer.receiveFromMain(IPC_CHANNELS.notificationClicked, 'not a/thread');
    expect(opened).toEqual([]);
    off();
  });

  it('a click after the window closed does nothing', () => {
    bridge.notify('t', 'b', { threadId: THREAD, kind: 'done' });
    deliverNotifyToMain();
    window.destroy();
    Notification.instances[0]?.emit('click');
    expect(window.webContents.sent).toEqual([]);
  });
});
