import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fake CLI agent script (a node program) driven in a real PTY by the cli-agents tests. */
export const FAKE_CLI_AGENT = join(dirname(fileURLToPath(import.meta.url)), 'fake-cli-agent.mjs');
export const FAKE_AGENT_VERSION = 'fake-agent 1.2.3 (test)';

export interface FakeAgentBin {
  /** A folder with the fake agent installed under the given names. */
  binDir: string;
  /** A PATH with only that folder and the system's basics (node, sh): what detection searches. */
  searchPath: string;
}

/** Installs the fake agent as small sh wrappers named `names` in `<dir>/bin`. */
export function installFakeAgent(dir: string, names: string[]): FakeAgentBin {
  const binDir = join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  for (const name of names) {
    const file = join(binDir, name);
    writeFileSync(file, `#!/bin/sh\nexec '${process.execPath}' '${FAKE_CLI_AGENT}' "$@"\n`);
    chmodSync(file, 0o755);
  }
  return { binDir, searchPath: [binDir, dirname(process.execPath), '/usr/bin', '/bin'].join(':') };
}

/**
 * A stand-in login shell: answers `<shell> -l -c <script>` by running the script with `searchPath`
 * as PATH, like a profile that puts the user's tools on PATH.
 */
export function writeFakeLoginShell(dir: string, searchPath: string): string {
  const file = join(dir, 'fake-login-shell');
  writeFileSync(file, `#!/bin/sh\nPATH='${searchPath}'\nexport PATH\nshift 2\nexec /bin/sh -c "$1"\n`);
  chmodSync(file, 0o755);
  return file;
}

export interface FakeAgentRecord {
  argv: string[];
  prompt: string | null;
  configs: string[];
  hooks: string[];
  agentId: string | null;
}

/** What the fake agent recorded in its working folder, once it has. */
export function readFakeAgentRecord(cwd: string): FakeAgentRecord | undefined {
  const file = join(cwd, 'fake-agent-record.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as FakeAgentRecord;
  } catch {
    // Caught mid-write: the next poll reads it whole.
    return undefined;
  }
}
