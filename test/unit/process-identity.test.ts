import { describe, expect, it } from 'vitest';
import { formatLockFile, parseLockFile } from '../../src-main/host/data-dir-lock';
import { processIdentity, startTimeFromProcStat } from '../../src-main/host/process-identity';

/** A real line of /proc/<pid>/stat with `comm` replaced; starttime (field 22) is 6525378. */
function statLine(comm: string): string {
  return `10600 (${comm}) R 10598 10598 32065 0 -1 4194304 104 0 0 0 0 0 0 0 20 0 1 0 6525378 3133440 413 18446744073709551615 94455606616064 0 0 17 1 0 0 0 0 0\n`;
}

describe('the start time in /proc/<pid>/stat', () => {
  it('is field 22', () => {
    expect(startTimeFromProcStat(statLine('cat'))).toBe('6525378');
  });

  it('counts fields after the last parenthesis, whatever the command name holds', () => {
    for (const comm of [
      'my prog',
      'a) b (c',
      'x) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 999 (',
      ')',
      '',
    ]) {
      expect(startTimeFromProcStat(statLine(comm))).toBe('6525378');
    }
  });

  it('is null for text that is not a stat line', () => {
    expect(startTimeFromProcStat('')).toBeNull();
    expect(startTimeFromProcStat('10600 cat R 1 2')).toBeNull();
    expect(startTimeFromProcStat('10600 (cat) R 10598')).toBeNull();
    expect(startTimeFromProcStat(statLine('cat').replace('6525378', 'soon'))).toBeNull();
  });
});

describe('a process identity', () => {
  it('stays the same for one process and differs between processes on Linux', () => {
    if (process.platform !== 'linux') return;
    const own = processIdentity(process.pid);
    expect(own).toMatch(/^linux:[0-9a-f-]+:\d+$/);
    expect(processIdentity(process.pid)).toBe(own);
    // Pid 1 started at boot, long before this test.
    expect(processIdentity(1)).not.toBe(own);
  });

  it('is null for a process that does not exist, and where the platform has no way to tell', () => {
    expect(processIdentity(2 ** 22 + 1)).toBeNull();
    expect(processIdentity(process.pid, 'win32')).toBeNull();
  });
});

describe('the lock file', () => {
  it('reads what it writes, with and without an identity', () => {
    expect(parseLockFile(formatLockFile(42, 'linux:b:7'))).toEqual({ pid: 42, identity: 'linux:b:7' });
    expect(parseLockFile(formatLockFile(42, null))).toEqual({ pid: 42, identity: null });
  });

  it('keeps the pid alone on the first line, as older hosts wrote and read it', () => {
    expect(formatLockFile(42, 'linux:b:7').split('\n')[0]).toBe('42');
    expect(Number.parseInt(formatLockFile(42, 'linux:b:7'), 10)).toBe(42);
    expect(parseLockFile('1234\n')).toEqual({ pid: 1234, identity: null });
    expect(parseLockFile('1234')).toEqual({ pid: 1234, identity: null });
  });

  it('is nothing when the first line is not a pid', () => {
    for (const text of ['', '\n', 'abc\n', '0\n', '-5\n', '\n1234\n']) expect(parseLockFile(text)).toBeNull();
  });
});
