import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteDatabase } from '../../src-main/core/store';
import { REPO_ROOT, skeinCliArgs } from './skein-cli-process';

/**
 * Tests run as root here and in CI, and root writes through any permission bits (CAP_DAC_OVERRIDE).
 * The child host drops every capability instead (setpriv, util-linux: on every Debian, and allowed
 * in a container as root): still uid 0, so it reads the checkout wherever CI put it, but the
 * permission bits now stop it. A read-only mount or `chattr +i` would need capabilities a CI
 * container does not have. As any other user the bits apply anyway.
 */
function withoutPrivileges(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ['setpriv', ['--bounding-set=-all', '--inh-caps=-all', command, ...args]];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its exit with stdin closed; SIGKILLed (and the test failed) after `timeoutMs`. */
export function runToExit(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.end();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command} ${args.join(' ')} did not exit within ${timeoutMs} ms. stderr:\n${stderr}`),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `skein ARGS` without root's privileges, so the data folder's permission bits apply. */
export function runSkeinUnprivileged(args: readonly string[], timeoutMs: number): Promise<CliRun> {
  const [command, commandArgs] = withoutPrivileges(process.execPath, [...skeinCliArgs(), ...args]);
  return runToExit(command, commandArgs, { ...process.env, SKEIN_LOG_LEVEL: 'warn' }, timeoutMs);
}

/** `skein ARGS` under libfaketime: the host's clock (Date.now, and git's) is shifted by `offset` (`-1d`, `+1y`). */
export function runSkeinAtFakeTime(
  offset: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CliRun> {
  return runToExit(
    'faketime',
    ['-f', offset, process.execPath, ...skeinCliArgs(), ...args],
    { ...env, SKEIN_LOG_LEVEL: 'warn' },
    timeoutMs,
  );
}

/** Every path under `dir` with its size and modification time: equal before and after means nothing was written. */
export function folderFingerprint(dir: string): string[] {
  const entries: string[] = [];
  const walk = (path: string, name: string): void => {
    const stat = statSync(path);
    entries.push(`${name} ${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`);
    if (stat.isDirectory())
      for (const child of readdirSync(path).sort()) walk(join(path, child), `${name}/${child}`);
  };
  walk(dir, '.');
  return entries;
}

/**
 * A `git` that claims to be `version` and forwards everything else to the real git (at `realGit`):
 * only the version check sees an old git, so the test shows what that check alone decides.
 */
export function writeOldGitWrapper(dir: string, realGit: string, version: string): string {
  const script = join(dir, 'git');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'for arg in "$@"; do',
      `  if [ "$arg" = "--version" ]; then echo "git version ${version}"; exit 0; fi`,
      'done',
      `exec "${realGit}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return script;
}

/** Rows of this size fill the last free pages in a few hundred steps. */
const FILLER_ROW_BYTES = 512;
/** A database this young has far fewer free pages than this; the bound only stops a broken cap looping forever. */
const MAX_FILLER_ROWS = 100_000;

/**
 * Makes the host's database behave as on a full disk: capped at its current size (SQLite's
 * per-connection `max_page_count`) and its free pages used up by a filler table, so the next write
 * that needs room fails with SQLITE_FULL. Returns the function that frees the space again.
 */
export function fillDatabase(db: SqliteDatabase): () => void {
  db.exec('CREATE TABLE IF NOT EXISTS bad_env_filler (data BLOB)');
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
  const insert = db.prepare('INSERT INTO bad_env_filler (data) VALUES (?)');
  const row = Buffer.alloc(FILLER_ROW_BYTES, 7);
  for (let count = 0; ; count++) {
    if (count >= MAX_FILLER_ROWS) throw new Error('The capped database never filled up.');
    try {
      insert.run(row);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_FULL') break;
      throw error;
    }
  }
  return () => {
    // SQLite's default maximum (the pragma clamps anything larger).
    db.pragma('max_page_count = 4294967294');
    db.exec('DROP TABLE bad_env_filler');
  };
}

export function integrityCheck(db: SqliteDatabase): string {
  return String(db.pragma('integrity_check', { simple: true }));
}
