import { homedir } from 'node:os';
import { isAbsolute, posix, relative, resolve, win32 } from 'node:path';
import { SkeinError } from '../../src-shared/contract';

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

/** Errno codes and SQLite result codes that mean the disk under the data folder has no room left. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/** Errno codes that mean the data folder refuses writes (permissions, a read-only mount, an immutable folder). */
const UNWRITABLE_ERRNO = new Set(['EACCES', 'EPERM', 'EROFS']);

function errorCode(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Turns a failed write in the data folder (the database or a file under it) into a sentence that
 * names the folder and what to do; null for any other failure. File-system errors count only when
 * their path is inside the data folder: a full or read-only repository is a different message.
 * SQLite errors always come from the host's own database, which lives there.
 */
export function dataDirFailure(error: unknown, dataDir: string): SkeinError | null {
  if (error instanceof SkeinError) return null;
  const code = errorCode(error);
  if (code === null) return null;
  const isSqlite = code.startsWith('SQLITE_');
  if (!isSqlite) {
    const path = (error as NodeJS.ErrnoException).path;
    if (typeof path !== 'string' || !isInside(path, dataDir)) return null;
  }
  const details = { dataDir, cause: code };
  if (FULL_CODES.has(code)) {
    return new SkeinError(
      'DATA_DIR_UNWRITABLE',
      `The disk holding ${dataDir} is full, so Skein could not save this change. Free some space on that disk and try again; what was saved before is intact.`,
      details,
    );
  }
  if (UNWRITABLE_ERRNO.has(code) || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return new SkeinError(
      'DATA_DIR_UNWRITABLE',
      `Skein cannot write to its data folder ${dataDir} (${code}). Make that folder writable for this user, or start Skein with another data folder (--data DIR or SKEIN_DATA_DIR).`,
      details,
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new SkeinError(
      'DATA_DIR_UNWRITABLE',
      `The disk holding ${dataDir} failed a write (${code}). Check that it is still mounted, writable and has space, then try again.`,
      details,
    );
  }
  return null;
}
