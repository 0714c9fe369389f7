import type { CliAgentStatus, CliAgentStatusSource } from '../../../src-shared/contract';

/**
 * Output this recent means the agent is working. Agents' spinners and streamed text redraw several
 * times a second (Claude Code, Codex, Gemini CLI all animate at ≥ 5 Hz while busy), so two quiet seconds
 * mean the agent stopped; short enough that "waiting for you" arrives while the user still looks.
 */
export const QUIET_AFTER_OUTPUT_MS = 2_000;
/** Before its first output an agent is starting (Node CLIs take 1–3 s to draw): counted as working. */
export const STARTUP_GRACE_MS = 5_000;
/**
 * Output within this long after a turn-end report (Codex `notify`) is the agent's final redraw,
 * not new work: the report stands.
 */
export const NOTIFY_REDRAW_GRACE_MS = 750;

export interface ActivityTiming {
  quietAfterOutputMs: number;
  startupGraceMs: number;
  notifyRedrawGraceMs: number;
}

export const DEFAULT_ACTIVITY_TIMING: ActivityTiming = {
  quietAfterOutputMs: QUIET_AFTER_OUTPUT_MS,
  startupGraceMs: STARTUP_GRACE_MS,
  notifyRedrawGraceMs: NOTIFY_REDRAW_GRACE_MS,
};

export type LiveStatus = Exclude<CliAgentStatus, 'exited'>;

export interface ActivitySample {
  now: number;
  startedAt: number;
  /** When the agent last wrote to the terminal; null before its first output. */
  lastOutputAt: number | null;
  /** The last non-empty line it wrote, escape sequences removed. */
  lastLine: string;
}

// Escape sequences: OSC (title, hyperlinks…), CSI (colors, cursor moves), and two-byte ESC sequences.
// eslint-disable-next-line no-control-regex
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const ESC_TWO = /\u001b[@-Z\\-_()*+][0-9A-Za-z]?/g;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/g;

/** The last non-empty line of terminal output as it would read on screen (roughly: a carriage return overwrites). */
export function lastLineOf(output: string): string {
  const plain = output.replace(OSC, '').replace(CSI, '').replace(ESC_TWO, '');
  const lines = plain.split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const segments = (lines[index] ?? '').split('\r').map((segment) => segment.replace(OTHER_CONTROLS, ''));
    for (let s = segments.length - 1; s >= 0; s -= 1) {
      const text = (segments[s] ?? '').trimEnd();
      if (text.trim() !== '') return text;
    }
  }
  return '';
}

/** Box-drawing borders around a TUI's input line ("│ > │"). */
const BORDERS = /^[\s│┃║|╭╮╰╯─]+|[\s│┃║|╭╮╰╯─]+$/g;
const PROMPT_ENDINGS = ['>', '$', '#', '%', ':', '?', '›', '❯', '»', '➜', '→'];
const PROMPT_STARTS = ['>', '›', '❯', '»'];
const YES_NO = /\((?:y\/n|yes\/no)\)|\[(?:y\/n|Y\/n|y\/N)\]/i;

/** Whether a line reads like an agent asking for input: a shell-style prompt, an input box, a yes/no question. */
export function looksLikePrompt(line: string): boolean {
  const text = line.replace(BORDERS, '');
  if (text === '') return false;
  if (YES_NO.test(text)) return true;
  if (PROMPT_STARTS.some((start) => text.startsWith(start))) return true;
  return PROMPT_ENDINGS.some((ending) => text.endsWith(ending));
}

/**
 * The status read from terminal activity alone: output within the quiet period → working; quiet
 * with a prompt-like last line → waiting_for_input; quiet otherwise → idle.
 */
export function statusFromActivity(
  sample: ActivitySample,
  timing: ActivityTiming = DEFAULT_ACTIVITY_TIMING,
): LiveStatus {
  if (sample.lastOutputAt === null) {
    return sample.now - sample.startedAt < timing.startupGraceMs ? 'working' : 'idle';
  }
  if (sample.now - sample.lastOutputAt < timing.quietAfterOutputMs) return 'working';
  return looksLikePrompt(sample.lastLine) ? 'waiting_for_input' : 'idle';
}

/** A status the agent reported itself (a hook or notify line), with when it arrived. */
export interface HookReport {
  status: LiveStatus;
  at: number;
}

/**
 * Maps a line a hook appended to the agent's events file to a status. Claude Code's events are its
 * hook names; Codex's notify reports `agent-turn-complete`. Unknown lines are ignored (null).
 */
export function statusOfHookEvent(line: string): LiveStatus | null {
  switch (line.trim()) {
    case 'UserPromptSubmit':
    case 'PreToolUse':
      return 'working';
    case 'Stop':
    case 'Notification':
    case 'agent-turn-complete':
      return 'waiting_for_input';
    default:
      return null;
  }
}

/**
 * The status to show. `hooks`: the agent's last report wins once it sent one (before that, activity).
 * `notify`: a turn-end report stands until output resumes after its final redraw; then activity.
 * `activity`: activity only.
 */
export function combineStatus(
  source: CliAgentStatusSource,
  hook: HookReport | null,
  sample: ActivitySample,
  timing: ActivityTiming = DEFAULT_ACTIVITY_TIMING,
): LiveStatus {
  const activity = statusFromActivity(sample, timing);
  if (hook === null || source === 'activity') return activity;
  if (source === 'hooks') return hook.status;
  const redrawOnly =
    sample.lastOutputAt === null || sample.lastOutputAt <= hook.at + timing.notifyRedrawGraceMs;
  return hook.status === 'waiting_for_input' && redrawOnly ? 'waiting_for_input' : activity;
}
