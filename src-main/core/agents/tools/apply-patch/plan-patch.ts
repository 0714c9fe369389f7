import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { SkeinError } from '../../../../../src-shared/contract/errors';
import { resolveInWorktree } from '../confine-path';
import { applyChunks } from './compute-update';
import type { ApplyPatchSummary, ParsedPatch, PatchFileChange, PatchOperation } from './types';
import { unifiedDiff } from './unified-diff';

/** A file as it is on disk or as the patch leaves it. `mode` is null for a file we create fresh. */
export type FileState = { exists: false } | { exists: true; bytes: Buffer; mode: number | null };

/** One file the patch changes: its state before (for rollback) and after. */
export interface FileWrite {
  path: string;
  displayPath: string;
  before: FileState;
  after: FileState;
}

export interface PatchPlan {
  writes: FileWrite[];
  summary: ApplyPatchSummary;
}

const ABSENT: FileState = { exists: false };
// ignoreBOM keeps a byte-order mark in the text, so writing it back preserves it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Computes every file's new content in memory, in patch order, without touching the disk: later
 * operations see earlier ones (as Codex, which applies them one by one). Any failure throws before
 * a single byte is written.
 */
export async function planPatch(realRoot: string, patch: ParsedPatch): Promise<PatchPlan> {
  if (patch.operations.length === 0) {
    throw new SkeinError('INVALID_PARAMS', 'The patch has no file operations, so no files were modified.', {
      reason: 'empty',
    });
  }
  const files = new VirtualFiles(realRoot);
  const changes: PatchFileChange[] = [];
  for (const operation of patch.operations) changes.push(await planOperation(files, operation));
  return { writes: files.writes(), summary: { changes } };
}

async function planOperation(files: VirtualFiles, operation: PatchOperation): Promise<PatchFileChange> {
  const path = await files.confine(operation.path);
  const display = files.display(path);
  const previous = await files.load(path, display);
  switch (operation.type) {
    case 'add': {
      files.set(path, {
        exists: true,
        bytes: Buffer.from(operation.contents),
        mode: previous.exists ? previous.mode : null,
      });
      const before = previous.exists ? textOrNull(previous) : null;
      return {
        kind: 'add',
        path: display,
        overwrote: previous.exists,
        diff: unifiedDiff(previous.exists ? display : null, display, before, operation.contents),
      };
    }
    case 'delete': {
      if (!previous.exists) throw missing(display, `Cannot delete ${display}: there is no such file.`);
      files.set(path, ABSENT);
      return {
        kind: 'delete',
        path: display,
        diff: unifiedDiff(display, null, textOrNull(previous) ?? '', null),
      };
    }
    case 'update': {
      if (!previous.exists) {
        throw missing(
          display,
          `Cannot update ${display}: there is no such file. Use '*** Add File: ${display}' to create it.`,
        );
      }
      const before = textOrNull(previous);
      if (before === null) {
        throw new SkeinError(
          'INVALID_PARAMS',
          `Cannot update ${display}: it is not UTF-8 text. apply_patch edits text files only.`,
          {
            reason: 'binary',
            file: display,
          },
        );
      }
      const after = applyChunks(before, operation.chunks, display);
      const bytes = Buffer.from(after);
      if (operation.movePath === null) {
        files.set(path, { exists: true, bytes, mode: previous.mode });
        return { kind: 'update', path: display, diff: unifiedDiff(display, display, before, after) };
      }
      const destination = await files.confine(operation.movePath);
      if (destination === path) {
        files.set(path, { exists: true, bytes, mode: previous.mode });
        return { kind: 'update', path: display, diff: unifiedDiff(display, display, before, after) };
      }
      const destinationDisplay = files.display(destination);
      const replaced = await files.load(destination, destinationDisplay);
      files.set(path, ABSENT);
      files.set(destination, { exists: true, bytes, mode: previous.mode });
      return {
        kind: 'move',
        path: display,
        movePath: destinationDisplay,
        overwrote: replaced.exists,
        diff: unifiedDiff(display, destinationDisplay, before, after),
      };
    }
  }
}

/** The worktree as the patch sees it: disk contents, overlaid with what earlier operations did. */
class VirtualFiles {
  private readonly entries = new Map<string, { display: string; original: FileState; current: FileState }>();

  constructor(private readonly root: string) {}

  confine(requested: string): Promise<string> {
    return resolveInWorktree(this.root, requested, { forWrite: true });
  }

  display(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  async load(path: string, display: string): Promise<FileState> {
    const known = this.entries.get(path);
    if (known) return known.current;
    const original = await readState(path, display);
    this.entries.set(path, { display, original, current: original });
    return original;
  }

  set(path: string, state: FileState): void {
    const entry = this.entries.get(path);
    if (!entry) throw new Error(`VirtualFiles.set before load: ${path}`);
    entry.current = state;
  }

  writes(): FileWrite[] {
    const result: FileWrite[] = [];
    for (const [path, entry] of this.entries) {
      if (!sameState(entry.original, entry.current))
        result.push({ path, displayPath: entry.display, before: entry.original, after: entry.current });
    }
    return result;
  }
}

async function readState(path: string, display: string): Promise<FileState> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return ABSENT;
    throw error;
  }
  if (stats.isDirectory()) {
    throw new SkeinError(
      'INVALID_PARAMS',
      `${display} is a directory; apply_patch adds, updates and deletes files only.`,
      {
        reason: 'directory',
        file: display,
      },
    );
  }
  if (!stats.isFile()) {
    throw new SkeinError(
      'INVALID_PARAMS',
      `${display} is not a regular file; apply_patch edits regular files only.`,
      {
        reason: 'not-a-file',
        file: display,
      },
    );
  }
  return { exists: true, bytes: await readFile(path), mode: stats.mode & 0o7777 };
}

function textOrNull(state: FileState): string | null {
  if (!state.exists) return null;
  try {
    return utf8.decode(state.bytes);
  } catch {
    return null;
  }
}

function sameState(a: FileState, b: FileState): boolean {
  if (!a.exists || !b.exists) return a.exists === b.exists;
  return a.mode === b.mode && a.bytes.equals(b.bytes);
}

function missing(display: string, message: string): SkeinError {
  return new SkeinError('PATH_NOT_FOUND', message, { reason: 'missing', file: display });
}
