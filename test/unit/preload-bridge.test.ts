import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_FUNCTIONS, IPC_CHANNELS, type SkeinBridge } from '../../src-shared/bridge';
import { contextBridge, ipcRenderer, resetElectronStub } from '../support/electron-stub';

let bridge: SkeinBridge;

beforeAll(async () => {
  resetElectronStub();
  await import('../../src-preload/index');
  bridge = contextBridge.exposed.get('skein') as SkeinBridge;
});

describe('preload bridge', () => {
  it('exposes exactly one global, window.skein', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['skein']);
  });

  it('exposes exactly these five functions and nothing else', () => {
    // Written out rather than taken from BRIDGE_FUNCTIONS: widening the bridge must change this test.
    const exposed = ['notify', 'onMessage', 'onNotificationClick', 'pickFolder', 'send'];
    expect(Object.getOwnPropertyNames(bridge).sort()).toEqual(exposed);
    expect(Object.getOwnPropertySymbols(bridge)).toEqual([]);
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    expect([...BRIDGE_FUNCTIONS].sort()).toEqual(exposed);
    for (const name of BRIDGE_FUNCTIONS)
      expect(typeof (bridge as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('exposes no raw ipcRenderer surface', () => {
    const values = Object.values(bridge) as unknown[];
    expect(values).not.toContain(ipcRenderer);
    const exposed = bridge as unknown as Record<string, unknown>;
    const raw = ipcRenderer as unknown as Record<string, unknown>;
    for (const name of BRIDGE_FUNCTIONS) expect(exposed[name]).not.toBe(raw[name]);
  });

  it('send puts string frames on the rpc channel only', () => {
    bridge.send('{"jsonrpc":"2.0"}');
    (bridge.send as (text: unknown) => void)({ not: 'a string' });
    expect(ipcRenderer.sent).toEqual([{ channel: IPC_CHANNELS.rpc, args: ['{"jsonrpc":"2.0"}'] }]);
  });

  it('onMessage hands the page the text only, never the IPC event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = bridge.onMessage((...args: unknown[]) => received.push(args));
    ipcRenderer.receiveFromMain(IPC_CHANNELS.rpc, 'frame-1');
    off();
    ipcRenderer.receiveFromMain(IPC_CHANNELS.rpc, 'frame-2');
    expect(received).toEqual([['frame-1']]);
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.rpc)).toBe(0);
  });

  it('pickFolder invokes the picker and returns a path or null', async () => {
    ipcRenderer.invokeResult = '/home/me/repo';
    await expect(bridge.pickFolder()).resolves.toBe('/home/me/repo');
    ipcRenderer.invokeResult = { path: '/x' };
    await expect(bridge.pickFolder()).resolves.toBeNull();
    expect(ipcRenderer.invoked.map((call) => call.channel)).toEqual([
      IPC_CHANNELS.pickFolder,
      IPC_CHANNELS.pickFolder,
    ]);
  });

  it('notify sends title and body as strings', () => {
    ipcRenderer.sent.length = 0;
    bridge.notify('Done', 'Thread finished');
    expect(ipcRenderer.sent).toEqual([{ channel: IPC_CHANNELS.notify, args: ['Done', 'Thread finished'] }]);
  });
});
