import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  watchFolders,
  type FolderEvent,
  type FolderWatcher,
} from '../../src-main/core/review/folder-watcher';
import { TempDirs } from '../support/git-repo';

/** inotify watches this process holds now (Linux): one `inotify wd:` line per watch in the fd's fdinfo. */
function inotifyWatches(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target !== 'anon_inode:inotify') continue;
    count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('inotify wd:')).length;
  }
  return count;
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('folder watcher', () => {
  const dirs = new TempDirs();
  let watcher: FolderWatcher | null = null;
  afterEach(() => {
    watcher?.close();
    watcher = null;
    dirs.cleanup();
  });

  const start = (root: string) => {
    const events: Array<[FolderEvent, string]> = [];
    const errors: unknown[] = [];
    watcher = watchFolders(root, {
      ignored: (path) => path.split('/').includes('ignored'),
      onEvent: (event, path) => events.push([event, path]),
      onError: (error) => errors.push(error),
    });
    return { events, errors, watcher };
  };

  it.runIf(process.platform === 'linux')('holds one watch per folder, not one per file', async () => {
    const root = dirs.make('skein-folder-watch-');
    for (let folder = 0; folder < 5; folder += 1) {
      mkdirSync(join(root, `f${folder}`));
      for (let file = 0; file < 40; file += 1) writeFileSync(join(root, `f${folder}`, `${file}.txt`), 'x');
    }
    const before = inotifyWatches();
    const { watcher: started } = start(root);
    await started.ready;
    // The root and five folders: 6 watches for 200 files.
    expect(inotifyWatches() - before).toBe(6);
  });

  it('reports edits, new folders and files in them, removed folders; skips ignored paths', async () => {
    const root = dirs.make('skein-folder-watch-');
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    mkdirSync(join(root, 'ignored'));
    writeFileSync(join(root, 'src', 'deep', 'a.ts'), 'one');
    const { events, errors, watcher: started } = start(root);
    await started.ready;
    const seen = (event: FolderEvent, path: string) => events.some(([e, p]) => e === event && p === path);

    writeFileSync(join(root, 'src', 'deep', 'a.ts'), 'two');
    await until(() => seen('change', join(root, 'src', 'deep', 'a.ts')), 'the edit');

    mkdirSync(join(root, 'src', 'fresh'));
    await until(() => seen('addDir', join(root, 'src', 'fresh')), 'the new folder');
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(join(root, 'src', 'fresh', 'b.ts'), 'new');
    await until(() => seen('change', join(root, 'src', 'fresh', 'b.ts')), 'a file in the new folder');

    writeFileSync(join(root, 'ignored', 'c.log'), 'noise');
    rmSync(join(root, 'src', 'fresh'), { recursive: true });
    await until(() => seen('unlinkDir', join(root, 'src', 'fresh')), 'the removed folder');
    expect(events.some(([, path]) => path.includes('ignored'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('stops reporting a folder once unwatched, and everything once closed', async () => {
    const root = dirs.make('skein-folder-watch-');
    mkdirSync(join(root, 'build'));
    mkdirSync(join(root, 'src'));
    const { events, watcher: started } = start(root);
    await started.ready;
    started.unwatch(join(root, 'build'));
    writeFileSync(join(root, 'build', 'out.js'), 'x');
    writeFileSync(join(root, 'src', 'in.ts'), 'x');
    await until(() => events.some(([, path]) => path === join(root, 'src', 'in.ts')), 'the src edit');
    expect(events.some(([, path]) => path.startsWith(join(root, 'build') + '/'))).toBe(false);
    started.close();
    const count = events.length;
    writeFileSync(join(root, 'src', 'late.ts'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.length).toBe(count);
  });
});
