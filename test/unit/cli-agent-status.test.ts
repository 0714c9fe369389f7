import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACTIVITY_TIMING,
  QUIET_AFTER_OUTPUT_MS,
  STARTUP_GRACE_MS,
  combineStatus,
  lastLineOf,
  looksLikePrompt,
  statusFromActivity,
  statusOfHookEvent,
  type ActivitySample,
} from '../../src-main/core/cli-agents/status';

const START = 1_000_000;

function sample(overrides: Partial<ActivitySample>): ActivitySample {
  return { now: START + 60_000, startedAt: START, lastOutputAt: null, lastLine: '', ...overrides };
}

describe('lastLineOf', () => {
  it('drops colors, cursor moves, titles and trailing blank lines', () => {
    expect(lastLineOf('one\r\n\u001b[32mtwo\u001b[0m \r\n\r\n')).toBe('two');
    expect(lastLineOf('\u001b]0;title\u0007\u001b[2K\u001b[1G> ')).toBe('>');
    expect(lastLineOf('')).toBe('');
  });

  it('reads a carriage-return overwrite as the screen shows it', () => {
    expect(lastLineOf('progress 10%\rprogress 90%\r')).toBe('progress 90%');
  });
});

describe('looksLikePrompt', () => {
  it.each(['>', '$ ', 'Continue? ', '› ', '│ > │', 'Apply changes (y/n)', 'Proceed [Y/n]', '❯', 'aider>'])(
    '%j looks like a prompt',
    (line) => {
      expect(looksLikePrompt(line)).toBe(true);
    },
  );
  it.each(['working on it...', 'done.', 'Reading src/index.ts', '', '│      │'])('%j does not', (line) => {
    expect(looksLikePrompt(line)).toBe(false);
  });
});

describe('statusFromActivity', () => {
  it('counts start-up as working, then idle if nothing ever came', () => {
    expect(statusFromActivity(sample({ now: START + STARTUP_GRACE_MS - 1 }))).toBe('working');
    expect(statusFromActivity(sample({ now: START + STARTUP_GRACE_MS }))).toBe('idle');
  });

  it('is working while output is recent', () => {
    const now = START + 10_000;
    expect(
      statusFromActivity(sample({ now, lastOutputAt: now - QUIET_AFTER_OUTPUT_MS + 1, lastLine: '>' })),
    ).toBe('working');
  });

  it('waits for input when quiet on a prompt-like line, else idles', () => {
    const now = START + 10_000;
    const lastOutputAt = now - QUIET_AFTER_OUTPUT_MS;
    expect(statusFromActivity(sample({ now, lastOutputAt, lastLine: '› ' }))).toBe('waiting_for_input');
    expect(statusFromActivity(sample({ now, lastOutputAt, lastLine: 'Compiled 3 files' }))).toBe('idle');
  });
});

describe('hooks', () => {
  it('maps Claude Code hook names and Codex notify to statuses', () => {
    expect(statusOfHookEvent('UserPromptSubmit\n')).toBe('working');
    expect(statusOfHookEvent('Stop')).toBe('waiting_for_input');
    expect(statusOfHookEvent('Notification')).toBe('waiting_for_input');
    expect(statusOfHookEvent('agent-turn-complete')).toBe('waiting_for_input');
    expect(statusOfHookEvent('something else')).toBeNull();
  });

  const now = START + 10_000;
  const busyScreen = sample({ now, lastOutputAt: now - 10, lastLine: 'thinking' });
  const quietScreen = sample({ now, lastOutputAt: now - 5_000, lastLine: 'done.' });

  it('lets a hooks agent report win over activity once it reported', () => {
    expect(combineStatus('hooks', null, busyScreen)).toBe('working');
    expect(combineStatus('hooks', { status: 'waiting_for_input', at: now - 100 }, busyScreen)).toBe(
      'waiting_for_input',
    );
    expect(combineStatus('hooks', { status: 'working', at: now - 9_000 }, quietScreen)).toBe('working');
  });

  it('keeps a notify turn-end until output resumes after its final redraw', () => {
    const hook = { status: 'waiting_for_input' as const, at: now - 5_000 };
    expect(combineStatus('notify', hook, quietScreen)).toBe('waiting_for_input');
    const finalRedraw = sample({
      now,
      lastOutputAt: hook.at + DEFAULT_ACTIVITY_TIMING.notifyRedrawGraceMs,
      lastLine: 'x',
    });
    expect(combineStatus('notify', hook, finalRedraw)).toBe('waiting_for_input');
    const redraw = sample({
      now,
      lastOutputAt: hook.at + DEFAULT_ACTIVITY_TIMING.notifyRedrawGraceMs + 1,
      lastLine: 'x',
    });
    expect(combineStatus('notify', hook, redraw)).toBe('idle');
    expect(combineStatus('notify', { ...hook, at: now - 100 }, busyScreen)).toBe('waiting_for_input');
    expect(combineStatus('notify', hook, busyScreen)).toBe('working');
  });

  it('ignores reports for an activity-only agent', () => {
    expect(combineStatus('activity', { status: 'waiting_for_input', at: now }, busyScreen)).toBe('working');
  });
});
