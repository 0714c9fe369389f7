import type { Terminal, TerminalStatus } from '../../../src-shared/contract';
import type { SqliteDatabase } from '../store';

interface TerminalRow {
  id: string;
  thread_id: string;
  title: string;
  cwd: string;
  cols: number;
  rows: number;
  status: string;
  exit_code: number | null;
  purpose: string;
  created_at: number;
}

const COLUMNS = 'id, thread_id, title, cwd, cols, rows, status, exit_code, purpose, created_at';

function toTerminal(row: TerminalRow): Terminal {
  return {
    id: row.id,
    threadId: row.thread_id,
    title: row.title,
    cwd: row.cwd,
    cols: row.cols,
    rows: row.rows,
    status: row.status === 'running' ? 'running' : 'exited',
    exitCode: row.exit_code,
    purpose: row.purpose === 'setup' ? 'setup' : 'shell',
    createdAt: row.created_at,
  };
}

/** The `terminals` table: records and their saved scrollback. */
export interface TerminalStore {
  insert(terminal: Terminal): void;
  all(): Terminal[];
  updateStatus(id: string, status: TerminalStatus, exitCode: number | null): void;
  updateSize(id: string, cols: number, rows: number): void;
  saveScrollback(id: string, scrollback: string): void;
  loadScrollback(id: string): string;
  delete(id: string): void;
  /**
   * Marks terminals whose process died with a previous host as ended, appending `notice` to their
   * saved screen; returns their ids.
   */
  endOrphans(notice: string): string[];
}

export function createTerminalStore(db: SqliteDatabase): TerminalStore {
  const insert = db.prepare(
    `INSERT INTO terminals (${COLUMNS}, scrollback, updated_at)
     VALUES (@id, @threadId, @title, @cwd, @cols, @rows, @status, @exitCode, @purpose, @createdAt, '', @createdAt)`,
  );
  const all = db.prepare<[], TerminalRow>(`SELECT ${COLUMNS} FROM terminals ORDER BY created_at, id`);
  const updateStatus = db.prepare(
    'UPDATE terminals SET status = ?, exit_code = ?, updated_at = ? WHERE id = ?',
  );
  const updateSize = db.prepare('UPDATE terminals SET cols = ?, rows = ?, updated_at = ? WHERE id = ?');
  const saveScrollback = db.prepare('UPDATE terminals SET scrollback = ?, updated_at = ? WHERE id = ?');
  const loadScrollback = db.prepare<[string], { scrollback: string }>(
    'SELECT scrollback FROM terminals WHERE id = ?',
  );
  const remove = db.prepare('DELETE FROM terminals WHERE id = ?');
  const orphans = db.prepare<[], { id: string }>("SELECT id FROM terminals WHERE status = 'running'");
  const endOrphans = db.prepare(
    "UPDATE terminals SET status = 'exited', exit_code = NULL, scrollback = scrollback || ?, updated_at = ? WHERE status = 'running'",
  );

  return {
    insert: (terminal) => insert.run(terminal),
    all: () => all.all().map(toTerminal),
    updateStatus: (id, status, exitCode) => updateStatus.run(status, exitCode, Date.now(), id),
    updateSize: (id, cols, rows) => updateSize.run(cols, rows, Date.now(), id),
    saveScrollback: (id, scrollback) => saveScrollback.run(scrollback, Date.now(), id),
    loadScrollback: (id) => loadScrollback.get(id)?.scrollback ?? '',
    delete: (id) => remove.run(id),
    endOrphans: db.transaction((notice: string) => {
      const ids = orphans.all().map((row) => row.id);
      endOrphans.run(notice, Date.now());
      return ids;
    }),
  };
}
