import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Finds the processes a host started, from /proc (Linux). A process tree alone misses what matters
 * most after a quit: orphans are reparented to init, and PTYs, MCP servers, sandboxed commands and git
 * run in their own sessions or process groups. So a process belongs to the host when any of these holds:
 * it descends from the host; its session or process group was started by one that does; or its
 * environment, command line or working folder mentions one of the markers (a temp root all the
 * host's data, repositories and config live under, and a random token put in the host's environment).
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** Clock ticks after boot: with the pid it names one process even after the pid is reused. */
  startTime: number;
  state: string;
  /** argv joined with spaces (kernel threads have none). */
  command: string;
}

export interface OwnedProcess extends ProcessInfo {
  /** Why it counts as the host's: 'host', 'descendant', 'group', 'session', 'marker'. */
  reason: string;
}

function readStat(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself hold spaces or ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return {
      pid,
      state: fields[0] ?? '?',
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      sid: Number(fields[3]),
      startTime: Number(fields[19]),
      command,
    };
  } catch {
    // Gone while we looked.
    return null;
  }
}

/** Every live (non-zombie) process on the machine. */
export function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readStat(Number(entry));
    // A zombie has exited: only its parent's bookkeeping is left, and it holds nothing.
    if (info && info.state !== 'Z' && info.state !== 'X') found.push(info);
  }
  return found;
}

function mentions(pid: number, markers: readonly string[]): boolean {
  if (markers.length === 0) return false;
  const texts: string[] = [];
  try {
    texts.push(readFileSync(`/proc/${pid}/environ`, 'latin1'));
  } catch {
    // Not ours to read (another user's process), or gone.
  }
  try {
    texts.push(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
    texts.push(readlinkSync(`/proc/${pid}/cwd`));
  } catch {
    // Gone.
  }
  return texts.some((text) => markers.some((marker) => text.includes(marker)));
}

export interface OwnedQuery {
  /** The host's pid (null once it has exited: only marker matches are left to find). */
  hostPid: number | null;
  /** Strings that only the host's processes carry in their environment, argv or cwd. */
  markers: readonly string[];
  /** Pids never to count (the test runner itself, which may carry a marker in its cwd). */
  exclude?: readonly number[];
}

/** The live processes that belong to the host (see the file comment), the host itself included. */
export function processesOwnedBy(query: OwnedQuery): OwnedProcess[] {
  const all = listProcesses();
  const exclude = new Set([process.pid, ...(query.exclude ?? [])]);
  const owned = new Map<number, OwnedProcess>();
  const add = (info: ProcessInfo, reason: string): void => {
    if (!exclude.has(info.pid) && !owned.has(info.pid)) owned.set(info.pid, { ...info, reason });
  };
  if (query.hostPid !== null) {
    const host = all.find((info) => info.pid === query.hostPid);
    if (host) add(host, 'host');
  }
  for (const info of all) if (mentions(info.pid, query.markers)) add(info, 'marker');
  // Grow to a fixed point: children of owned processes, and members of groups/sessions they lead.
  for (let grew = true; grew;) {
    grew = false;
    for (const info of all) {
      if (owned.has(info.pid) || exclude.has(info.pid)) continue;
      const reason = owned.has(info.ppid)
        ? 'descendant'
        : owned.has(info.pgid)
          ? 'group'
          : owned.has(info.sid)
            ? 'session'
            : null;
      if (reason) {
        add(info, reason);
        grew = true;
      }
    }
  }
  return [...owned.values()].sort((a, b) => a.pid - b.pid);
}

/** Of `processes`, those still alive: same pid and start time, not a zombie. */
export function stillAlive(processes: readonly ProcessInfo[]): ProcessInfo[] {
  return processes.flatMap((before) => {
    const now = readStat(before.pid);
    return now && now.startTime === before.startTime && now.state !== 'Z' && now.state !== 'X' ? [now] : [];
  });
}

/** A short kind for a process, from its argv: what a report counts by. */
export function processKind(info: Pick<ProcessInfo, 'command'>): string {
  const argv = info.command;
  if (/mcp-test-server/.test(argv)) return 'mcp-server';
  if (/fake-cli-agent/.test(argv)) return 'cli-agent';
  if (/\bcodex\b/.test(argv)) return 'codex';
  if (/claude/.test(argv)) return 'claude';
  if (/\bhost --stdio\b/.test(argv)) return 'host';
  if (/mirror-worker|worker/.test(argv)) return 'worker';
  if (/^(\S*\/)?bwrap\b/.test(argv)) return 'sandbox';
  if (/^(\S*\/)?git\b/.test(argv)) return 'git';
  if (/^(\S*\/)?sleep\b/.test(argv)) return 'sleep';
  if (/^(\S*\/)?(ba|da)?sh\b|^-?(ba|da)?sh\b/.test(argv)) return 'shell';
  return 'other';
}

/** Counts by kind, e.g. { shell: 3, sleep: 4, 'mcp-server': 1 }. */
export function countByKind(processes: readonly ProcessInfo[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const info of processes) {
    const kind = processKind(info);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** One line per process, for a failure message. */
export function describeProcesses(processes: readonly ProcessInfo[]): string {
  return processes
    .map((info) => `${info.pid} (ppid ${info.ppid}, pgid ${info.pgid}, sid ${info.sid}) ${info.command}`)
    .join('\n');
}

/** Polls until none of `processes` (and nothing matching the markers) is alive; returns what is left. */
export async function waitUntilGone(
  processes: readonly ProcessInfo[],
  markers: readonly string[],
  timeoutMs: number,
): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = new Map<number, ProcessInfo>();
    for (const info of stillAlive(processes)) left.set(info.pid, info);
    for (const info of processesOwnedBy({ hostPid: null, markers })) left.set(info.pid, info);
    if (left.size === 0 || Date.now() > deadline) return [...left.values()];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
