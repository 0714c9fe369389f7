import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

/**
 * The folder name under the platform's app-data folder. Electron's `app.getPath('userData')` is
 * `<appData>/<app name>`, and main sets the app name to this, so the desktop app and the CLI share state.
 */
export const APP_DIR_NAME = 'Skein';

/** Overrides the data folder for every command (tests, portable installs). `--data` beats it. */
export const DATA_DIR_ENV = 'SKEIN_DATA_DIR';

export interface DataDirInputs {
  /** The `--data` flag, if given. */
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
  cwd: string;
}

/** Electron's `app.getPath('appData')` for the platform. */
export function platformAppDataDir(
  platform: NodeJS.Platform,
  env: DataDirInputs['env'],
  homeDir: string,
): string {
  if (platform === 'win32') return env.APPDATA || win32.join(homeDir, 'AppData', 'Roaming');
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || posix.join(homeDir, '.config');
}

/** `--data` > `SKEIN_DATA_DIR` > `<platform app data>/Skein`; relative paths resolve against the working folder. */
export function resolveDataDir(inputs: DataDirInputs): string {
  const explicit = inputs.flag || inputs.env[DATA_DIR_ENV];
  if (explicit) return resolve(inputs.cwd, explicit);
  const path = inputs.platform === 'win32' ? win32 : posix;
  return path.join(platformAppDataDir(inputs.platform, inputs.env, inputs.homeDir), APP_DIR_NAME);
}

/** The data folder for this process. */
export function dataDirForProcess(flag?: string): string {
  return resolveDataDir({
    flag,
    env: process.env,
    platform: process.platform,
    homeDir: homedir(),
    cwd: process.cwd(),
  });
}
