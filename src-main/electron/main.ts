import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { appPaths, createAppUrlMatcher, type AppPaths } from './app-paths';
import { chromiumSwitches } from './chromium-switches';
import { developmentContentSecurityPolicy, WINDOW_CONTENT_SECURITY_POLICY } from './content-security-policy';
import { createChildHostLauncher, type HostLauncher } from './host-process';
import { createHostSupervisor } from './host-supervisor';
import { createIpcRelay } from './ipc-relay';
import { createMainLogger } from './main-log';
import { createSecretsHandler } from './secrets-handler';
import { guardAllWebContents, guardSession } from './security';
import { createUtilityHostLauncher } from './utility-host-launcher';
import { mainWindowOptions } from './window-options';

const log = createMainLogger('app');

/** `<appData>/Skein`: the same data folder `skein serve` and `skein host` use by default. */
const APP_NAME = 'Skein';

/** The Node that runs the host in development: the one npm used, so native modules match it. */
function systemNode(env: NodeJS.ProcessEnv): string {
  return env.SKEIN_NODE || env.npm_node_execpath || 'node';
}

function hostLauncher(paths: AppPaths, fromSource: boolean): HostLauncher {
  const dataDir = process.env.SKEIN_DATA_DIR || app.getPath('userData');
  if (app.isPackaged) return createUtilityHostLauncher({ cliPath: paths.cli, dataDir });
  // `npm run dev` builds main, preload and renderer but not the CLI: the host then runs from source.
  const entry = fromSource ? ['--import', 'tsx', paths.cliSource] : [paths.cli];
  return createChildHostLauncher({
    command: systemNode(process.env),
    args: [...entry, 'host', '--stdio', '--parent-secrets', '--data', dataDir],
    cwd: paths.repoRoot,
  });
}

function startApp(): void {
  const paths = appPaths(dirname(fileURLToPath(import.meta.url)));
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const isAppUrl = createAppUrlMatcher({ rendererIndex: paths.rendererIndex, devServerUrl });
  const hostFromSource =
    !app.isPackaged && (devServerUrl !== undefined || !existsSync(paths.cli)) && existsSync(paths.cliSource);
  let mainWindow: BrowserWindow | null = null;

  guardAllWebContents(app);
  const supervisor = createHostSupervisor({
    launch: hostLauncher(paths, hostFromSource),
    // The host seals stored provider keys through main: safeStorage exists only in Electron's main process.
    secrets: createSecretsHandler(safeStorage),
  });
  createIpcRelay({ getWindow: () => mainWindow, isAppUrl, host: supervisor });

  const createMainWindow = (): BrowserWindow => {
    // mainWindowOptions writes out contextIsolation, sandbox and every other webPreference (asserted by
    // electron-window.test.ts); the scanner cannot follow the call. Auxclick stays on: xterm pastes on a
    // middle click, and a middle-clicked link only reaches the window-open handler, which denies it.
    const window = new BrowserWindow(mainWindowOptions(paths.preload)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    window.webContents.on('render-process-gone', (_event, details) =>
      log.error(`The window's renderer is gone: ${details.reason}`),
    );
    const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(paths.rendererIndex);
    loading.catch((error: unknown) => log.error('The window could not load the app', error));
    return window;
  };

  void app.whenReady().then(() => {
    guardSession(
      session.defaultSession,
      devServerUrl ? developmentContentSecurityPolicy(devServerUrl) : WINDOW_CONTENT_SECURITY_POLICY,
    );
    supervisor.start();
    mainWindow = createMainWindow();
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady()) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the host to dispose (terminals closed, database checkpointed), then quits for real.
  let hostStopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (hostStopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void supervisor.stop().finally(() => {
      hostStopped = true;
      app.quit();
    });
  });
}

app.setName(APP_NAME);
app.setPath('userData', join(app.getPath('appData'), APP_NAME));
// Every renderer is sandboxed, including any created by a bug; windows also say so explicitly.
app.enableSandbox();
for (const [name, value] of chromiumSwitches()) app.commandLine.appendSwitch(name, value);

if (app.requestSingleInstanceLock()) startApp();
else app.quit();
