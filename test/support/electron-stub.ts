/**
 * A recording stand-in for the parts of `electron` that main and preload use. The unit project aliases
 * `electron` to this file (vitest.config.ts), so code under test runs unchanged under plain Node while
 * tests inspect what it did and simulate what Electron would do (renderer messages, window events).
 * Tests import this file directly for the recording helpers; it is the same module instance.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame: FakeWebFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a cancellable event the way Electron does; returns whether a listener prevented it. */
  emitCancellable(name: string, details: Record<string, unknown> = {}, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { ...details, preventDefault: () => (prevented = true) };
    this.emit(name, event, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loaded: { kind: 'file' | 'url'; target: string } | null = null;
  shown = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new FakeWebContents();
    BrowserWindow.instances.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }
  loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path };
    this.webContents.mainFrame.url = `file://${path}`;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** An IPC event as main sees it. */
export function fakeIpcEvent(sender: FakeWebContents, frame: FakeWebFrame | null = sender.mainFrame) {
  return { sender, senderFrame: frame, returnValue: undefined as unknown };
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` would do: runs the handler and returns its promise. */
  async invokeFromRenderer(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await Promise.resolve(handler(event, ...args));
  }
}
export const ipcMain = new FakeIpcMain();

class FakeIpcRenderer extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invokeResult: unknown = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.invokeResult);
  }
  /** What main's `webContents.send` would do on the renderer side. */
  receiveFromMain(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

export const dialog = {
  calls: [] as unknown[][],
  nextResult: { canceled: true, filePaths: [] as string[] },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    dialog.calls.push(args);
    return Promise.resolve(dialog.nextResult);
  },
};

export class Notification extends EventEmitter {
  static readonly shown: { title: string; body: string }[] = [];
  /** Every notification shown, to simulate a click (`emit('click')`). */
  static readonly instances: Notification[] = [];
  static supported = true;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    Notification.shown.push(this.options);
    Notification.instances.push(this);
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: unknown,
) => boolean;
type HeadersReceivedListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headersReceived: HeadersReceivedListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersReceivedListener) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = 0;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: unknown,
    readonly pid = 424242,
  ) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}
export const utilityProcess = {
  forked: [] as FakeUtilityProcess[],
  fork(modulePath: string, args: string[] = [], options: unknown = {}): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, args, options);
    utilityProcess.forked.push(child);
    return child;
  },
};

const SEALED_MARK = Buffer.from('stub-sealed:');
/** XOR with a fixed byte: reversible, and the plain text never shows in what it returns. */
const SEAL_BYTE = 0x5a;

function sealBytes(text: string): Buffer {
  const plain = Buffer.from(text, 'utf8');
  return Buffer.concat([SEALED_MARK, Buffer.from(plain.map((byte) => byte ^ SEAL_BYTE))]);
}

function unsealBytes(sealed: Buffer): string {
  if (!sealed.subarray(0, SEALED_MARK.length).equals(SEALED_MARK))
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return Buffer.from(sealed.subarray(SEALED_MARK.length).map((byte) => byte ^ SEAL_BYTE)).toString('utf8');
}

/** safeStorage over a reversible transform instead of the OS keyring; tests switch `available` and `backend`. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  /** What the next decrypt reports as `shouldReEncrypt` (the keyring rotated its key). */
  shouldReEncrypt: false,
  sealed: 0,
  unsealed: 0,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(safeStorage.available);
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend;
  },
  encryptString(text: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    safeStorage.sealed++;
    return sealBytes(text);
  },
  encryptStringAsync(text: string): Promise<Buffer> {
    return Promise.resolve().then(() => safeStorage.encryptString(text));
  },
  decryptString(sealed: Buffer): string {
    safeStorage.unsealed++;
    return unsealBytes(sealed);
  },
  decryptStringAsync(sealed: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    return Promise.resolve().then(() => ({
      shouldReEncrypt: safeStorage.shouldReEncrypt,
      result: safeStorage.decryptString(sealed),
    }));
  },
};

class FakeCommandLine {
  readonly switches = new Map<string, string>();
  appendSwitch(name: string, value = ''): void {
    this.switches.set(name, value);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
}

class FakeApp extends EventEmitter {
  name = 'skein';
  readonly commandLine = new FakeCommandLine();
  isPackaged = false;
  sandboxEnabled = false;
  singleInstanceLock = true;
  quitCalls = 0;
  readonly paths = new Map<string, string>([
    ['appData', '/fake/appData'],
    ['userData', '/fake/appData/skein'],
  ]);
  setName(name: string): void {
    this.name = name;
  }
  getName(): string {
    return this.name;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`Unknown path ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  quit(): void {
    this.quitCalls++;
  }
}
export const app = new FakeApp();

/** Puts every recorder back to its initial state; call in beforeEach. */
export function resetElectronStub(): void {
  BrowserWindow.instances.length = 0;
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.sent.length = 0;
  ipcRenderer.invoked.length = 0;
  ipcRenderer.invokeResult = null;
  contextBridge.exposed.clear();
  dialog.calls.length = 0;
  dialog.nextResult = { canceled: true, filePaths: [] };
  Notification.shown.length = 0;
  Notification.instances.length = 0;
  Notification.supported = true;
  session.defaultSession = new FakeSession();
  shell.opened.length = 0;
  utilityProcess.forked.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.shouldReEncrypt = false;
  safeStorage.sealed = 0;
  safeStorage.unsealed = 0;
  app.removeAllListeners();
  app.name = 'skein';
  app.isPackaged = false;
  app.sandboxEnabled = false;
  app.singleInstanceLock = true;
  app.quitCalls = 0;
  app.paths.clear();
  app.paths.set('appData', '/fake/appData');
  app.paths.set('userData', '/fake/appData/skein');
}
