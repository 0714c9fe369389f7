import { describe, expect, it } from 'vitest';
import { SkeinError } from '../../src-shared/contract';
import {
  gitVersionProblem,
  isSupportedGitVersion,
  parseGitVersion,
} from '../../src-main/core/git/git-version';
import { dataDirFailure } from '../../src-main/host/data-dir';

function errno(code: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code, path });
}

describe('git version check', () => {
  it('reads the versions git prints on each platform', () => {
    expect(parseGitVersion('2.39.5')).toEqual([2, 39, 5]);
    expect(parseGitVersion('2.45.1.windows.1')).toEqual([2, 45, 1]);
    expect(parseGitVersion('2.37.1 (Apple Git-137.1)')).toEqual([2, 37, 1]);
    expect(parseGitVersion('3.0')).toEqual([3, 0, 0]);
    expect(parseGitVersion('unknown')).toBeNull();
  });

  it('accepts 2.38 and newer only', () => {
    expect(['2.38.0', '2.39.5', '2.100.0', '3.0.0'].map(isSupportedGitVersion)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['2.37.9', '2.30.1', '1.99.0', 'garbage'].map(isSupportedGitVersion)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('names the minimum version and what needs it', () => {
    expect(gitVersionProblem('2.39.5')).toBeNull();
    expect(gitVersionProblem(null)).toContain('could not find git');
    expect(gitVersionProblem('2.30.1')).toContain('git 2.38 or newer');
    expect(gitVersionProblem('2.30.1')).toContain('merge-tree --write-tree');
  });
});

describe('data folder failures', () => {
  const dataDir = '/home/me/.config/Skein';

  it('turns a full disk under the data folder, or SQLITE_FULL, into one sentence', () => {
    for (const error of [errno('ENOSPC', `${dataDir}/skein.db-wal`), errno('SQLITE_FULL')]) {
      const failure = dataDirFailure(error, dataDir);
      expect(failure?.kind).toBe('DATA_DIR_UNWRITABLE');
      expect(failure?.message).toMatch(/^The disk holding \/home\/me\/.config\/Skein is full/);
    }
  });

  it('names the folder and the remedy when it refuses writes', () => {
    for (const error of [
      errno('EACCES', dataDir),
      errno('EROFS', `${dataDir}/host.lock`),
      errno('SQLITE_READONLY_DBMOVED'),
    ]) {
      expect(dataDirFailure(error, dataDir)?.message).toMatch(
        /^Skein cannot write to its data folder \/home\/me\/.config\/Skein \(\w+\)\. Make that folder writable/,
      );
    }
  });

  it('leaves other failures alone: paths outside the folder, expected errors, unrelated codes', () => {
    expect(dataDirFailure(errno('ENOSPC', '/home/me/repo/file'), dataDir)).toBeNull();
    expect(dataDirFailure(errno('EACCES', '/home/me/.config/Skein-other/x'), dataDir)).toBeNull();
    expect(dataDirFailure(errno('ENOENT', `${dataDir}/x`), dataDir)).toBeNull();
    expect(dataDirFailure(new SkeinError('NOT_FOUND', 'No.'), dataDir)).toBeNull();
    expect(dataDirFailure(new Error('plain'), dataDir)).toBeNull();
  });
});
