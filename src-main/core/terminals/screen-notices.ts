import { constants } from 'node:os';
import type { ProcessExit } from './terminal-process';

const DIM = '\x1b[2m';
const NORMAL_INTENSITY = '\x1b[22m';
/**
 * Leave the alternate screen (47/1047: no cursor restore, a no-op on the normal screen) and soft-reset
 * (DECSTR) the modes and colors a full-screen program may have left behind when it died, so the
 * notice and the next shell are readable.
 */
const RESET_AFTER_PROCESS = '\x1b[?1047l\x1b[!p';

function notice(text: string): string {
  return `${RESET_AFTER_PROCESS}\r\n${DIM}[${text}]${NORMAL_INTENSITY}\r\n`;
}

function signalName(signal: number): string {
  const entry = Object.entries(constants.signals).find(([, value]) => value === signal);
  return entry ? entry[0] : `signal ${signal}`;
}

/** The line written under a process's output when it ends. */
export function exitNotice(exit: ProcessExit): string {
  if (exit.exitCode !== null) return notice(`process exited with code ${exit.exitCode}`);
  return notice(`process ended by ${exit.signal === null ? 'a signal' : signalName(exit.signal)}`);
}

export const RESTART_NOTICE = notice('process restarted');

/** Appended to the saved screen of a terminal whose process died with the previous host. */
export const HOST_RESTART_NOTICE = notice(
  "Skein restarted: this terminal's process ended. Restart it to get a new shell.",
);
