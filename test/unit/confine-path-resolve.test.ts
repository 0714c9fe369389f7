import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInWorktree } from '../../src-main/core/agents/tools/confine-path';
import { SkeinError } from '../../src-shared/contract/errors';

async function refusal(promise: Promise<unknown>): Promise<SkeinError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SkeinError);
    return error as SkeinError;
  }
  throw new Error('expected the path to be refused');
}

let base: string;
let root: string;
let outside: string;

beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'skein-confine-')));
  root = join(base, 'worktree');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'src/index.ts'), 'export {};\n');
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('resolveInWorktree: accepted paths', () => {
  it('resolves relative, dotted and absolute-inside paths to real paths', async () => {
    expect(await resolveInWorktree(root, 'src/index.ts')).toBe(join(root, 'src/index.ts'));
    expect(await resolveInWorktree(root, './src/../src/index.ts')).toBe(join(root, 'src/index.ts'));
    expect(await resolveInWorktree(root, join(root, 'src/index.ts'))).toBe(join(root, 'src/index.ts'));
    expect(await resolveInWorktree(root, '.')).toBe(root);
  });

  it('allows paths that do not exist yet, below existing folders', async () => {
    expect(await resolveInWorktree(root, 'src/new/deep/file.ts', { forWrite: true })).toBe(
      join(root, 'src/new/deep/file.ts'),
    );
  });

  it('follows a symlink that stays inside, and accepts a root spelled through a symlink', async () => {
    symlinkSync(join(root, 'src'), join(root, 'alias'));
    expect(await resolveInWorktree(root, 'alias/index.ts')).toBe(join(root, 'src/index.ts'));
    const spelled = join(base, 'spelled');
    symlinkSync(root, spelled);
    expect(await resolveInWorktree(spelled, join(spelled, 'src/index.ts'))).toBe(join(root, 'src/index.ts'));
  });

  it('allows reading .git but refuses writing into it (any .git segment, any case)', async () => {
    mkdirSync(join(root, '.git/hooks'), { recursive: true });
    expect(await resolveInWorktree(root, '.git/HEAD')).toBe(join(root, '.git/HEAD'));
    for (const path of ['.git', '.git/hooks/pre-commit', '.GIT/config', 'vendor/lib/.git']) {
      const error = await refusal(resolveInWorktree(root, path, { forWrite: true }));
      expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
      expect(error.message).toContain('git metadata (.git)');
    }
  });
});

describe('resolveInWorktree: refused paths', () => {
  it('refuses .. that climbs out, with a sentence a model can act on', async () => {
    const error = await refusal(resolveInWorktree(root, '../outside/secret.txt'));
    expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect(error.message).toBe(
      `The path ../outside/secret.txt is outside this thread's worktree; use paths inside ${root}.`,
    );
    expect(error.details).toMatchObject({ reason: 'outside' });
  });

  it('refuses absolute paths elsewhere, and a sibling sharing the root as a name prefix', async () => {
    for (const path of ['/etc/passwd', join(outside, 'secret.txt'), `${root}-evil/x`]) {
      expect((await refusal(resolveInWorktree(root, path))).kind).toBe('PATH_OUTSIDE_WORKTREE');
    }
  });

  it('refuses a real symlink pointing out, for existing and new files below it', async () => {
    symlinkSync(outside, join(root, 'escape'));
    for (const path of ['escape/secret.txt', 'escape/new.txt', 'escape']) {
      const error = await refusal(resolveInWorktree(root, path));
      expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
      expect(error.message).toContain('(through a symbolic link)');
    }
  });

  it('refuses a dangling symlink whose target would be created outside', async () => {
    symlinkSync(join(outside, 'not-yet.txt'), join(root, 'dangling'));
    const error = await refusal(resolveInWorktree(root, 'dangling', { forWrite: true }));
    expect(error.kind).toBe('PATH_OUTSIDE_WORKTREE');
  });

  it('refuses a symlink loop', async () => {
    symlinkSync(join(root, 'b'), join(root, 'a'));
    symlinkSync(join(root, 'a'), join(root, 'b'));
    const error = await refusal(resolveInWorktree(root, 'a/file'));
    expect(error.kind).toBe('INVALID_PARAMS');
    expect(error.message).toContain('loop of symbolic links');
  });

  it('refuses NUL bytes, empty paths, over-long names and over-long paths', async () => {
    const nul = await refusal(resolveInWorktree(root, 'src/index.ts\0.png'));
    expect(nul.kind).toBe('INVALID_PARAMS');
    expect(nul.message).toContain('NUL byte');
    expect((await refusal(resolveInWorktree(root, '  '))).message).toContain('The path is empty');
    const longName = await refusal(resolveInWorktree(root, `src/${'n'.repeat(256)}.ts`));
    expect(longName.message).toContain(
      'has a name of 259 bytes; each file or folder name may be at most 255 bytes',
    );
    expect(longName.message.length).toBeLessThan(400);
    const longPath = await refusal(
      resolveInWorktree(root, Array.from({ length: 50 }, () => 'd'.repeat(100)).join('/')),
    );
    expect(longPath.message).toContain('may be at most 4095 bytes');
  });

  it('counts bytes, not characters, for name length', async () => {
    // 128 two-byte characters are 256 bytes: one over NAME_MAX.
    const error = await refusal(resolveInWorktree(root, 'é'.repeat(128)));
    expect(error.details).toMatchObject({ reason: 'name-too-long' });
    expect(await resolveInWorktree(root, 'é'.repeat(127))).toBe(join(root, 'é'.repeat(127)));
  });

  it('reports a missing worktree', async () => {
    const error = await refusal(resolveInWorktree(join(base, 'gone'), 'x'));
    expect(error.kind).toBe('PATH_NOT_FOUND');
  });
});
