import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A process id names a process only while it runs: after a crash and a reboot (or just a busy day)
 * the same number belongs to an unrelated process. A process's start time does not change while it
 * lives, so pid + start time (+ the boot, on Linux: tick counts restart at each boot) names one
 * process for good.
 */

/** How long `ps` may take to answer on macOS; it is local and answers in milliseconds. */
const PS_TIMEOUT_MS = 2_000;

/**
 * Field 22 (starttime, clock ticks after boot) of `/proc/<pid>/stat`. The second field, the command
 * name in parentheses, may itself hold spaces and parentheses, so fields are counted after the last `)`.
 */
export function startTimeFromProcStat(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  // After the command come field 3 (state) onwards; starttime is field 22, so index 19 here.
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const start = fields[19];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function linuxIdentity(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  const start = stat === null ? null : startTimeFromProcStat(stat);
  if (start === null) return null;
  const boot = readText('/proc/sys/kernel/random/boot_id')?.trim() || 'unknown-boot';
  return `linux:${boot}:${start}`;
}

function darwinIdentity(pid: number): string | null {
  const run = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
    encoding: 'utf8',
    timeout: PS_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const start = run.status === 0 ? run.stdout.trim().replace(/\s+/g, ' ') : '';
  return start ? `darwin:${start}` : null;
}

/**
 * What tells process `pid` apart from any later process with the same id, or null when this
 * platform (Windows) or the moment (the process is gone) cannot say.
 */
export function processIdentity(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'linux') return linuxIdentity(pid);
  if (platform === 'darwin') return darwinIdentity(pid);
  return null;
}
