import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  lstatSync,
  readlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** A throwaway folder standing in for a thread's worktree, with helpers to seed and compare it. */
export interface TempWorktree {
  root: string;
  write(path: string, content: string | Buffer): void;
  read(path: string): string;
  /** Every file (and symlink target) below the root, byte for byte, keyed by relative path. */
  snapshot(): Map<string, string>;
  dispose(): void;
}

export function createTempWorktree(prefix = 'skein-patch-'): TempWorktree {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(path, content) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    read(path) {
      return readFileSync(join(root, path), 'utf8');
    },
    snapshot() {
      const files = new Map<string, string>();
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir)) {
          const full = join(dir, entry);
          const stats = lstatSync(full);
          const key = relative(root, full);
          if (stats.isSymbolicLink()) files.set(key, `symlink:${readlinkSync(full)}`);
          else if (stats.isDirectory()) {
            files.set(`${key}/`, 'dir');
            walk(full);
          } else files.set(key, `${stats.mode.toString(8)}:${readFileSync(full).toString('base64')}`);
        }
      };
      walk(root);
      return files;
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
