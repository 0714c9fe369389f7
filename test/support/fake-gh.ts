import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TempDirs } from './git-repo';

/**
 * A stand-in for the GitHub CLI, the one external service tests cannot reach: an executable `gh`
 * in its own bin folder that records every call (arguments and folder) and answers like gh does.
 */
export interface FakeGh {
  binDir: string;
  /** Each call's arguments and working folder, in order. */
  calls(): { args: string[]; cwd: string }[];
}

export interface FakeGhOptions {
  /** `gh auth status` exits 0 (logged in) or 1. Default true. */
  loggedIn?: boolean;
  /** Printed by `gh pr create` on success. */
  pullRequestUrl?: string;
  /** When set, `gh pr create` prints this on stderr and exits 1. */
  createError?: string;
}

export function installFakeGh(dirs: TempDirs, options: FakeGhOptions = {}): FakeGh {
  const binDir = dirs.make('skein-fake-gh-');
  const log = join(binDir, 'calls.jsonl');
  const config = {
    log,
    loggedIn: options.loggedIn ?? true,
    url: options.pullRequestUrl ?? 'https://github.com/skein-test/repo/pull/7',
    createError: options.createError ?? null,
  };
  // Runs on the Node that runs the tests, by absolute path: no dependency on what PATH holds.
  const script = `#!${process.execPath}
const fs = require('node:fs');
const config = ${JSON.stringify(config)};
const args = process.argv.slice(2);
fs.appendFileSync(config.log, JSON.stringify({ args, cwd: process.cwd() }) + '\\n');
if (args[0] === 'auth' && args[1] === 'status') {
  process.stderr.write(config.loggedIn ? 'github.com\\n  Logged in to github.com as skein-test\\n' : 'You are not logged into any GitHub hosts. Run gh auth login to authenticate.\\n');
  process.exit(config.loggedIn ? 0 : 1);
}
if (args[0] === 'pr' && args[1] === 'create') {
  if (config.createError) {
    process.stderr.write(config.createError + '\\n');
    process.exit(1);
  }
  process.stdout.write(config.url + '\\n');
  process.exit(0);
}
process.exit(0);
`;
  const path = join(binDir, 'gh');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    binDir,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { args: string[]; cwd: string })
        : [],
  };
}
