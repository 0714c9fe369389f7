import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import { createTerminalService, type TerminalService } from '../../src-main/core/terminals';
import {
  RecordingPublisher,
  TEST_SHELL,
  createTerminalFixture,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';

/** Writes its arguments as JSON to ./argv.json: what the program received, byte for byte. */
const RECORD_ARGV = 'require("fs").writeFileSync("argv.json", JSON.stringify(process.argv.slice(1)))';
const HOSTILE =
  'a $(touch pwned-1) `touch pwned-2` "q" \'s\' ; touch pwned-3 && touch pwned-4 | cat\nline 2 $HOME * ~ > pwned-5';

let fixture: TerminalFixture;
let service: TerminalService;

beforeEach(() => {
  fixture = createTerminalFixture();
  service = createTerminalService({ db: fixture.db, publisher: new RecordingPublisher(), shell: TEST_SHELL });
});

afterEach(async () => {
  await service.dispose();
  fixture.cleanup();
});

function recordedArgv(): Promise<string[]> {
  return waitUntil(() => {
    try {
      return JSON.parse(readFileSync(join(fixture.cwd, 'argv.json'), 'utf8')) as string[];
    } catch {
      return undefined;
    }
  });
}

describe('terminal argv', () => {
  it('execs the program directly: shell metacharacters in an argument arrive verbatim and run nothing', async () => {
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      argv: [process.execPath, '-e', RECORD_ARGV, HOSTILE, '', '--'],
    });
    expect(await service.waitForExit(terminal.id)).toBe(0);
    expect(await recordedArgv()).toEqual([HOSTILE, '', '--']);
    expect(readdirSync(fixture.cwd).filter((name) => name.startsWith('pwned'))).toEqual([]);
  });

  it('finds a bare program name on the PATH given in env', async () => {
    const bin = join(fixture.dir, 'bin');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'record-args'),
      `#!/bin/sh\nexec '${process.execPath}' -e '${RECORD_ARGV}' "$@"\n`,
    );
    chmodSync(join(bin, 'record-args'), 0o755);
    const terminal = service.open({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      argv: ['record-args', HOSTILE],
      env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` },
    });
    expect(await service.waitForExit(terminal.id)).toBe(0);
    expect(await recordedArgv()).toEqual([HOSTILE]);
  });

  it('refuses an empty argv, a NUL, or argv together with a command', () => {
    const base = { threadId: fixture.threadId, cwd: fixture.cwd };
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof SkeinError) return error.kind;
      }
      return 'not refused';
    };
    expect(refused(() => service.open({ ...base, argv: [] }))).toBe('INVALID_PARAMS');
    expect(refused(() => service.open({ ...base, argv: ['/bin/echo', 'a\0b'] }))).toBe('INVALID_PARAMS');
    expect(refused(() => service.open({ ...base, argv: ['/bin/echo'], command: 'echo' }))).toBe(
      'INVALID_PARAMS',
    );
    expect(service.list(fixture.threadId)).toEqual([]);
  });
});
