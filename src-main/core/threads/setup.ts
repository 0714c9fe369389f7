import { existsSync } from 'node:fs';
import { cp, lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Project, Thread } from '../../../src-shared/contract';
import { createLogger } from '../log';
import type { ThreadContext } from './context';

const log = createLogger('threads');

/** A setup file path confined to the repository, or null when it would reach outside it. */
export function confineToRepository(root: string, file: string): string | null {
  if (isAbsolute(file)) return null;
  const target = resolve(root, file);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return target;
}

/**
 * Whether writing `target` stays inside `root` once symlinks are followed: a committed symlinked folder
 * (or file) in the worktree would otherwise carry the copy out of it (found by the path-traversal tests).
 */
async function writesInside(root: string, target: string): Promise<boolean> {
  const stats = await lstat(target).catch(() => null);
  if (stats?.isSymbolicLink()) return false;
  const realRoot = await realpath(root);
  // The nearest folder that exists decides: mkdir -p below it cannot leave it.
  for (let folder = dirname(target); ; folder = dirname(folder)) {
    const real = await realpath(folder).catch(() => null);
    if (real !== null) {
      const rel = relative(realRoot, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    }
    if (dirname(folder) === folder) return false;
  }
}

export interface SetupOptions {
  /** Leave a setup file already in the worktree as it is instead of copying the main checkout's over it. */
  keepExisting?: boolean;
}

/**
 * Copies the project's setup files (e.g. `.env`) from the main checkout into a new worktree.
 * Problems are notes, not failures: a thread without its `.env` is still useful.
 */
export async function copySetupFiles(
  project: Project,
  worktree: string,
  options: SetupOptions = {},
): Promise<string[]> {
  const notes: string[] = [];
  for (const file of project.settings.setupFiles) {
    const source = confineToRepository(project.path, file);
    const target = source && confineToRepository(worktree, file);
    if (!source || !target) {
      notes.push(`Setup file "${file}" was skipped: setup files must be inside the repository.`);
      continue;
    }
    if (!existsSync(source)) {
      notes.push(`Setup file "${file}" was not found in ${project.path}, so it was not copied.`);
      continue;
    }
    // Put back from saved work (unarchive, trash/restore): the thread's own copy, maybe edited, wins.
    if (options.keepExisting && existsSync(target)) continue;
    if (!(await writesInside(worktree, target))) {
      notes.push(`Setup file "${file}" was skipped: in the worktree it would be written through a symlink.`);
      continue;
    }
    try {
      await mkdir(dirname(target), { recursive: true });
      // Dereference: a symlinked `.env` (often relative, to a shared file) must arrive as its content.
      await cp(source, target, { recursive: true, dereference: true, force: true });
    } catch (error) {
      notes.push(
        `Setup file "${file}" could not be copied: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
  }
  return notes;
}

function joinNotes(notes: string[]): string | null {
  return notes.length > 0 ? notes.join(' ') : null;
}

/**
 * Prepares a thread whose worktree exists: copies setup files, then either marks it ready or
 * starts the setup command in a `Setup` terminal and marks it `setting_up`. Resolves with the
 * thread as it is when this returns; the command's outcome arrives later as `thread/updated`.
 */
export async function prepareThread(
  context: ThreadContext,
  thread: Thread,
  project: Project,
  options: SetupOptions = {},
): Promise<Thread> {
  const notes = await copySetupFiles(project, thread.worktreePath, options);
  const command = project.settings.setupCommand?.trim();
  if (!command) {
    return context.update(thread.id, { status: 'ready', statusDetail: joinNotes(notes) }) ?? thread;
  }
  const settingUp =
    context.update(thread.id, { status: 'setting_up', statusDetail: joinNotes(notes) }) ?? thread;
  void runSetupCommand(context, thread.id, thread.worktreePath, command, notes);
  return settingUp;
}

async function runSetupCommand(
  context: ThreadContext,
  threadId: string,
  cwd: string,
  command: string,
  notes: string[],
): Promise<void> {
  let outcome: { status: 'ready' | 'setup_failed'; detail: string | null };
  try {
    const terminal = context.terminals.open({ threadId, cwd, purpose: 'setup', title: 'Setup', command });
    const exitCode = await context.terminals.waitForExit(terminal.id);
    outcome =
      exitCode === 0
        ? { status: 'ready', detail: joinNotes(notes) }
        : {
            status: 'setup_failed',
            detail: `The setup command \`${command}\` ${exitCode === null ? 'was stopped' : `exited with code ${exitCode}`}. Its output is in the thread's Setup terminal.`,
          };
  } catch (error) {
    log.warn(`Setup of thread ${threadId} could not run`, error);
    outcome = {
      status: 'setup_failed',
      detail: `The setup command \`${command}\` could not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (context.disposed) return;
  // Archive or delete may have happened meanwhile (and stopped the command); their status wins.
  if (context.rows.get(threadId)?.status !== 'setting_up') return;
  context.update(threadId, { status: outcome.status, statusDetail: outcome.detail });
}
