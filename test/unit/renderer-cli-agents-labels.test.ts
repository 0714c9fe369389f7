import { describe, expect, test } from 'vitest';
import type { CliAgent, CliAgentTemplateProblem } from '../../src-shared/contract';
import {
  describeCliAgentStatus,
  describeDetection,
  listProblems,
  problemsFor,
  runningAgentsByUrgency,
  shouldNotifyWaiting,
} from '../../src-renderer/features/cli-agents/cli-agent-labels';

function agent(id: string, status: CliAgent['status'], startedAt: number): CliAgent {
  return {
    id,
    threadId: 't1',
    terminalId: `term-${id}`,
    presetId: 'claude',
    templateId: null,
    name: `Agent ${id}`,
    executable: '/usr/bin/claude',
    status,
    statusSource: 'hooks',
    exitCode: status === 'exited' ? 0 : null,
    startedAt,
    statusChangedAt: startedAt,
  };
}

describe('CLI agent status words', () => {
  test('each status reads as a person would say it, with the exit code when there is one', () => {
    expect(describeCliAgentStatus('working')).toEqual({ label: 'Working', tone: 'busy' });
    expect(describeCliAgentStatus('waiting_for_input')).toEqual({
      label: 'Waiting for input',
      tone: 'attention',
    });
    expect(describeCliAgentStatus('idle').label).toBe('Idle');
    expect(describeCliAgentStatus('exited', 0)).toEqual({ label: 'Exited 0', tone: 'muted' });
    expect(describeCliAgentStatus('exited', 3)).toEqual({ label: 'Exited 3', tone: 'bad' });
    // A signal ended it: no code to show.
    expect(describeCliAgentStatus('exited', null).label).toBe('Exited');
  });

  test('a thread row shows running agents only, the one waiting for the person first', () => {
    const agents = [
      agent('a', 'working', 1),
      agent('b', 'exited', 0),
      agent('c', 'waiting_for_input', 5),
      agent('d', 'idle', 2),
      agent('e', 'working', 0),
    ];
    expect(runningAgentsByUrgency(agents).map((a) => a.id)).toEqual(['c', 'e', 'a', 'd']);
    expect(runningAgentsByUrgency([agent('x', 'exited', 1)])).toEqual([]);
  });
});

describe('waiting-for-input notifications', () => {
  test('only the step into waiting notifies, and not while the person watches that terminal', () => {
    expect(shouldNotifyWaiting('working', 'waiting_for_input', false)).toBe(true);
    expect(shouldNotifyWaiting(undefined, 'waiting_for_input', false)).toBe(true);
    expect(shouldNotifyWaiting('waiting_for_input', 'waiting_for_input', false)).toBe(false);
    expect(shouldNotifyWaiting('working', 'waiting_for_input', true)).toBe(false);
    expect(shouldNotifyWaiting('waiting_for_input', 'working', false)).toBe(false);
    expect(shouldNotifyWaiting('working', 'exited', false)).toBe(false);
  });
});

describe('detection and template problems', () => {
  test('a found agent shows its version and path; a missing one says why', () => {
    expect(describeDetection({ found: true, path: '/bin/claude', version: '2.1.0', error: null })).toBe(
      'Found: 2.1.0 at /bin/claude',
    );
    expect(describeDetection({ found: true, path: '/bin/x', version: null, error: 'slow' })).toBe(
      'Found: version unknown at /bin/x',
    );
    expect(
      describeDetection({
        found: false,
        path: null,
        version: null,
        error: "aider is not on your login shell's PATH.",
      }),
    ).toBe("aider is not on your login shell's PATH.");
  });

  test('problems land on their field, arguments by index, list-wide ones apart', () => {
    const problems: CliAgentTemplateProblem[] = [
      { field: 'executable', argIndex: null, message: 'Shells would run the prompt.' },
      { field: 'args', argIndex: 1, message: 'The prompt after -c would be run.' },
      { field: 'args', argIndex: null, message: 'Add {prompt} as an argument.' },
      { field: 'promptDelivery', argIndex: null, message: 'Pick one.' },
    ];
    expect(problemsFor(problems, 'executable')).toEqual(['Shells would run the prompt.']);
    expect(problemsFor(problems, 'args', 1)).toEqual(['The prompt after -c would be run.']);
    expect(problemsFor(problems, 'args', 0)).toEqual([]);
    expect(listProblems(problems)).toEqual(['Add {prompt} as an argument.']);
    expect(problemsFor(problems, 'promptDelivery')).toEqual(['Pick one.']);
  });
});
