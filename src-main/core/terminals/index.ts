export { createTerminalService } from './terminal-service';
export type { TerminalShell } from './pty-launch';
export type { OpenTerminalInput, TerminalService, TerminalServiceOptions, TerminalStats } from './types';
export {
  DEFAULT_COLS,
  DEFAULT_ROWS,
  FLOW_CONTROL_HIGH_WATERMARK_CHARS,
  FLOW_CONTROL_LOW_WATERMARK_CHARS,
  FRAME_INTERVAL_MS,
} from './constants';
