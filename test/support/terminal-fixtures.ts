import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationName, NotificationParams } from '../../src-shared/contract';
import type { Publisher, Subscriber } from '../../src-main/core/events';
import { openDatabase, type SqliteDatabase } from '../../src-main/core/store';
import type { TerminalShell } from '../../src-main/core/terminals';

/** A shell that reads no profile and keeps no history file, so tests see the same prompt everywhere. */
export const TEST_SHELL: TerminalShell = {
  file: '/bin/bash',
  args: ['--noprofile', '--norc', '+o', 'history'],
};

export interface RecordedNotification {
  name: NotificationName;
  params: unknown;
}

/** Records every broadcast notification. */
export class RecordingPublisher implements Publisher {
  readonly published: RecordedNotification[] = [];

  publish<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    this.published.push({ name, params });
  }

  named<N extends NotificationName>(name: N): NotificationParams<N>[] {
    return this.published.filter((n) => n.name === name).map((n) => n.params as NotificationParams<N>);
  }
}

/**
 * A client attached to terminals: records `terminal/data` frames and can be closed like a connection.
 * With `keepFrames: false` it only counts (and keeps a short tail), so a flood does not fill the test's memory.
 */
export class RecordingSubscriber implements Subscriber {
  readonly frames: { terminalId: string; data: string }[] = [];
  /** `performance.now()` at each frame, kept with the frames. */
  readonly frameTimes: number[] = [];
  readonly other: RecordedNotification[] = [];
  frameCount = 0;
  charCount = 0;
  private tail = '';
  private readonly closeListeners = new Set<() => void>();
  private frameListener: ((terminalId: string, data: string) => void) | null = null;
  private readonly keepFrames: boolean;
  closed = false;

  constructor(
    readonly id: string,
    options: { keepFrames?: boolean } = {},
  ) {
    this.keepFrames = options.keepFrames ?? true;
  }

  notify<N extends NotificationName>(name: N, params: NotificationParams<N>): void {
    if (name !== 'terminal/data') {
      this.other.push({ name, params });
      return;
    }
    const frame = params as NotificationParams<'terminal/data'>;
    this.frameCount += 1;
    this.charCount += frame.data.length;
    if (this.keepFrames) {
      this.frames.push(frame);
      this.frameTimes.push(performance.now());
    } else this.tail = (this.tail + frame.data).slice(-4096);
    this.frameListener?.(frame.terminalId, frame.data);
  }

  onClose(listener: () => void): () => void {
    if (this.closed) {
      listener();
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Acks each frame as it arrives, like a client whose xterm keeps up. */
  autoAck(ack: (terminalId: string, chars: number) => void): void {
    this.frameListener = (terminalId, data) => ack(terminalId, data.length);
  }

  close(): void {
    this.closed = true;
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  /** Everything received (or, when frames are not kept, the last 4 KB). */
  text(terminalId?: string): string {
    if (!this.keepFrames) return this.tail;
    return this.frames
      .filter((f) => terminalId === undefined || f.terminalId === terminalId)
      .map((f) => f.data)
      .join('');
  }

  chars(terminalId?: string): number {
    return terminalId === undefined ? this.charCount : this.text(terminalId).length;
  }

  waitForText(pattern: string | RegExp, terminalId?: string, timeoutMs = 10_000): Promise<string> {
    return waitUntil(
      () => {
        const text = this.text(terminalId);
        return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) ? text : undefined;
      },
      timeoutMs,
      () =>
        `output matching ${String(pattern)}; the last output was ${JSON.stringify(this.text(terminalId).slice(-300))}`,
    );
  }
}

/** Polls until `check` returns a value other than undefined/false, or fails after the timeout. */
export async function waitUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what: string | (() => string) = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True while the process exists and is not a zombie (a zombie has ended; only its parent has not reaped it). */
export function isProcessRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Direct children of a process (from /proc), to find what a shell started. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export interface TerminalFixture {
  dir: string;
  dbFile: string;
  db: SqliteDatabase;
  /** A folder standing in for the thread's worktree. */
  cwd: string;
  threadId: string;
  /** Adds another thread row (archived if asked) and returns its id. */
  addThread(options?: { archived?: boolean }): string;
  reopenDatabase(): SqliteDatabase;
  cleanup(): void;
}

let threadCounter = 0;

/** A real SQLite file with one project and one thread, and a folder for the thread's worktree. */
export function createTerminalFixture(): TerminalFixture {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'skein-terminals-')));
  const dbFile = join(dir, 'skein.db');
  const cwd = join(dir, 'worktree');
  mkdirSync(cwd);
  const fixture: TerminalFixture = {
    dir,
    dbFile,
    db: openDatabase(dbFile),
    cwd,
    threadId: '',
    addThread(options = {}) {
      threadCounter += 1;
      const id = `thread-${threadCounter}`;
      const now = Date.now();
      fixture.db
        .prepare(
          `INSERT INTO threads (id, project_id, title, slug, branch, base, base_commit, worktree_path, backend, status,
             created_at, updated_at, archived_at)
           VALUES (?, 'project-1', ?, ?, ?, 'main', ?, ?, 'none', ?, ?, ?, ?)`,
        )
        .run(
          id,
          `Thread ${threadCounter}`,
          id,
          `skein/${id}`,
          '0'.repeat(40),
          cwd,
          options.archived ? 'archived' : 'ready',
          now,
          now,
          options.archived ? now : null,
        );
      return id;
    },
    reopenDatabase() {
      if (fixture.db.open) fixture.db.close();
      fixture.db = openDatabase(dbFile);
      return fixture.db;
    },
    cleanup() {
      if (fixture.db.open) fixture.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  fixture.db
    .prepare(
      `INSERT INTO projects (id, path, name, default_base, settings_json, created_at) VALUES ('project-1', ?, 'repo', 'main', '{}', ?)`,
    )
    .run(dir, Date.now());
  fixture.threadId = fixture.addThread();
  return fixture;
}
