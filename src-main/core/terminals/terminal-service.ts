import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { SkeinError, type Terminal } from '../../../src-shared/contract';
import { createLogger } from '../log';
import { DEFAULT_COLS, DEFAULT_ROWS } from './constants';
import { MirrorWorker } from './mirror-worker';
import {
  argvLaunchCommand,
  buildLaunchCommand,
  buildTerminalEnv,
  resolveShell,
  type LaunchCommand,
} from './pty-launch';
import { HOST_RESTART_NOTICE } from './screen-notices';
import { TerminalSession, type SessionLaunch } from './terminal-session';
import { createTerminalStore } from './terminal-store';
import type { OpenTerminalInput, TerminalService, TerminalServiceOptions } from './types';

const log = createLogger('terminals');

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isForeignKeyError(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function createTerminalService(options: TerminalServiceOptions): TerminalService {
  const store = createTerminalStore(options.db);
  const shell: LaunchCommand = resolveShell(options.shell, process.env);
  /** Extra environment a terminal was opened with; kept for restarts within this host run. */
  const extraEnv = new Map<string, Record<string, string>>();
  const sessions = new Map<string, TerminalSession>();
  /** Sessions closed while their process was still dying; dispose waits for them. */
  const ending = new Set<Promise<void>>();
  let disposed = false;

  // Created before the sessions; the worker thread itself starts with the first mirror.
  const mirrors = new MirrorWorker();
  const deps = { store, publisher: options.publisher, mirrors };

  /** What to run for a terminal: its argv, its command, or the shell when neither is given. */
  function prepareLaunch(terminal: Terminal, command: string | undefined, argv?: string[]): SessionLaunch {
    if (!isDirectory(terminal.cwd)) {
      throw new SkeinError(
        'PATH_NOT_FOUND',
        `The folder ${terminal.cwd} no longer exists, so no shell can start in it.`,
        {
          path: terminal.cwd,
        },
      );
    }
    if (argv === undefined && isAbsolute(shell.file) && !existsSync(shell.file)) {
      throw new SkeinError(
        'PATH_NOT_FOUND',
        `The shell ${shell.file} does not exist. Set SHELL to a shell that is installed.`,
        {
          path: shell.file,
        },
      );
    }
    return {
      launch: argv !== undefined ? argvLaunchCommand(argv) : buildLaunchCommand(shell, command),
      env: buildTerminalEnv({
        base: process.env,
        threadId: terminal.threadId,
        terminalId: terminal.id,
        cwd: terminal.cwd,
        extra: extraEnv.get(terminal.id),
      }),
    };
  }

  // Processes of terminals still marked running died with the previous host; their saved screen says so.
  const orphans = store.endOrphans(HOST_RESTART_NOTICE);
  if (orphans.length > 0) log.info(`${orphans.length} terminal(s) ended with the previous host`);
  for (const terminal of store.all()) sessions.set(terminal.id, new TerminalSession(terminal, deps));

  function session(terminalId: string): TerminalSession {
    const found = sessions.get(terminalId);
    if (!found)
      throw new SkeinError('NOT_FOUND', `There is no terminal ${terminalId}; it may have been closed.`, {
        terminalId,
      });
    return found;
  }

  function ensureOpen(): void {
    if (disposed)
      throw new SkeinError('INVALID_STATE', 'Skein is shutting down; terminals cannot start now.');
  }

  function endSession(target: TerminalSession): void {
    sessions.delete(target.id);
    extraEnv.delete(target.id);
    const done = target.end().finally(() => ending.delete(done));
    ending.add(done);
  }

  return {
    open(input: OpenTerminalInput) {
      ensureOpen();
      const existing = [...sessions.values()].filter((s) => s.threadId === input.threadId).length;
      const purpose = input.purpose ?? 'shell';
      const terminal: Terminal = {
        id: randomUUID(),
        threadId: input.threadId,
        title: input.title ?? (purpose === 'setup' ? 'Setup' : `Terminal ${existing + 1}`),
        cwd: input.cwd,
        cols: input.cols ?? DEFAULT_COLS,
        rows: input.rows ?? DEFAULT_ROWS,
        status: 'running',
        exitCode: null,
        purpose,
        createdAt: Date.now(),
      };
      if (input.argv !== undefined && input.command !== undefined) {
        throw new SkeinError('INVALID_PARAMS', 'Give a terminal either a command or an argv, not both.');
      }
      if (input.env) extraEnv.set(terminal.id, input.env);
      // Launch checks run before the row exists, so a refused open leaves nothing behind.
      const launch = prepareLaunch(terminal, input.command, input.argv);
      const created = new TerminalSession(terminal, deps);
      try {
        store.insert(terminal);
      } catch (error) {
        extraEnv.delete(terminal.id);
        if (isForeignKeyError(error)) {
          throw new SkeinError('NOT_FOUND', `There is no thread ${input.threadId} to open a terminal in.`, {
            threadId: input.threadId,
          });
        }
        throw error;
      }
      sessions.set(terminal.id, created);
      try {
        created.start(launch);
      } catch (error) {
        store.delete(terminal.id);
        endSession(created);
        throw error;
      }
      options.publisher.publish('terminal/updated', { terminal: created.record });
      return created.record;
    },
    get: (terminalId) => session(terminalId).record,
    list: (threadId) => [...sessions.values()].filter((s) => s.threadId === threadId).map((s) => s.record),
    attach: async (terminalId, subscriber) => session(terminalId).attach(subscriber),
    detach: (terminalId, subscriber) => session(terminalId).detach(subscriber.id),
    input: (terminalId, data) => session(terminalId).input(data),
    resize: (terminalId, cols, rows) => session(terminalId).resize(cols, rows),
    ack: (terminalId, subscriber, chars) => session(terminalId).ack(subscriber.id, chars),
    kill: (terminalId) => session(terminalId).kill(),
    restart(terminalId) {
      ensureOpen();
      const target = session(terminalId);
      target.restart(prepareLaunch(target.record, undefined));
      return target.record;
    },
    close(terminalId) {
      const target = session(terminalId);
      endSession(target);
      store.delete(terminalId);
      options.publisher.publish('terminal/removed', { terminalId, threadId: target.threadId });
    },
    waitForExit: (terminalId) => session(terminalId).waitForExit(),
    async stopThread(threadId) {
      const targets = [...sessions.values()].filter((s) => s.threadId === threadId);
      await Promise.all(targets.map((s) => s.stop()));
    },
    stats: (terminalId) => session(terminalId).stats(),
    mirrorHeap: (collect) => mirrors.heap(collect),
    async dispose() {
      if (disposed) return;
      disposed = true;
      const all = [...sessions.values()];
      const saved = await Promise.allSettled(all.map((s) => s.quickSnapshot()));
      for (const result of saved)
        if (result.status === 'rejected') log.error('Saving a terminal screen failed', result.reason);
      for (const target of all) endSession(target);
      await Promise.all([...ending]);
      await mirrors.dispose();
    },
  };
}
