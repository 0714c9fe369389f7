import { beforeEach, describe, expect, test } from 'vitest';
import type { Attempt, AttemptGroup, CheckResult, Thread } from '../../src-shared/contract';
import {
  describeCheck,
  describeDiff,
  describeGroupStatus,
  formatCost,
  formatTokens,
  sortAttempts,
  variantLabel,
} from '../../src-renderer/features/attempts/attempt-format';
import {
  MAX_ATTEMPTS,
  draftToVariant,
  modelChoiceValue,
  parseModelChoice,
  resizeDrafts,
  withBackend,
} from '../../src-renderer/features/attempts/attempt-variants';
import {
  groupOfThread,
  groupsOfProject,
  useAttempts,
} from '../../src-renderer/features/attempts/attempts-slice';
import { settingsPatch } from '../../src-renderer/features/projects/project-settings-form';

function thread(id: string, status: Thread['status'] = 'done'): Thread {
  return {
    id,
    projectId: 'p',
    title: `Thread ${id}`,
    slug: id,
    branch: `skein/${id}`,
    base: 'main',
    baseCommit: 'c0',
    worktreePath: `/wt/${id}`,
    backend: 'builtin',
    status,
    statusDetail: null,
    createdAt: 1,
    updatedAt: 1,
    archivedAt: null,
  };
}

function check(status: CheckResult['status'], exitCode: number | null = null): CheckResult {
  return { command: 'npm test', status, exitCode, output: '', sandbox: 'none', startedAt: 1, completedAt: 2 };
}

function attempt(index: number, change: Partial<Attempt> = {}): Attempt {
  return {
    index,
    thread: thread(`t${index}`),
    variant: { backend: 'builtin' },
    diff: { files: 1, additions: 10, deletions: 2 },
    tokens: 100,
    costUsd: 0.5,
    check: null,
    outcome: 'candidate',
    ...change,
  };
}

function group(id: string, projectId: string, createdAt: number, attempts: Attempt[]): AttemptGroup {
  return {
    id,
    projectId,
    title: id,
    prompt: 'do it',
    createdAt,
    status: 'ready',
    winnerThreadId: null,
    attempts,
  };
}

describe('attempt numbers in words', () => {
  test('tokens and cost read at a glance; an unknown price says so', () => {
    expect(formatTokens(950)).toBe('950 tokens');
    expect(formatTokens(1_234)).toBe('1.2k tokens');
    expect(formatTokens(56_789)).toBe('57k tokens');
    expect(formatTokens(2_500_000)).toBe('2.5M tokens');
    expect(formatCost(null)).toBe('cost unknown');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00312)).toBe('$0.0031');
    expect(formatCost(1.5)).toBe('$1.50');
  });

  test('diff sizes: unmeasured, empty, one file, several', () => {
    expect(describeDiff(null)).toBe('not measured yet');
    expect(describeDiff({ files: 0, additions: 0, deletions: 0 })).toBe('no changes');
    expect(describeDiff({ files: 1, additions: 3, deletions: 0 })).toBe('1 file, +3 −0');
    expect(describeDiff({ files: 4, additions: 30, deletions: 7 })).toBe('4 files, +30 −7');
  });

  test('check results name their outcome and tone; none ran is muted', () => {
    expect(describeCheck(null)).toEqual({ label: 'Not checked', tone: 'muted' });
    expect(describeCheck(check('running'))).toEqual({ label: 'Checking', tone: 'busy' });
    expect(describeCheck(check('passed', 0))).toEqual({ label: 'Check passed', tone: 'ok' });
    expect(describeCheck(check('failed', 2))).toEqual({ label: 'Check failed (exit 2)', tone: 'bad' });
    expect(describeCheck(check('timed_out')).label).toBe('Check timed out');
    expect(describeCheck(check('error')).tone).toBe('bad');
  });

  test('a running group counts its busy attempts; the variant names agent and model', () => {
    const running = {
      ...group('g', 'p', 1, [attempt(1, { thread: thread('a', 'working') }), attempt(2)]),
      status: 'running' as const,
    };
    expect(describeGroupStatus(running)).toBe('1 of 2 working');
    expect(variantLabel({ backend: 'codex' })).toBe('Codex');
    expect(variantLabel({ backend: 'builtin', provider: 'openai', model: 'gpt-x' })).toBe('Built-in · gpt-x');
  });
});

describe('sorting attempts', () => {
  const passing = attempt(3, {
    check: check('passed', 0),
    diff: { files: 2, additions: 40, deletions: 0 },
    costUsd: 2,
  });
  const failing = attempt(1, {
    check: check('failed', 1),
    diff: { files: 1, additions: 1, deletions: 1 },
    costUsd: null,
  });
  const unchecked = attempt(2, { check: null, diff: null, costUsd: 0.1 });

  test('by check: passing, then unchecked, then failing', () => {
    expect(sortAttempts([failing, unchecked, passing], 'check').map((a) => a.index)).toEqual([3, 2, 1]);
  });

  test('by diff and by cost, unmeasured and unknown last; ties keep the start order', () => {
    expect(sortAttempts([passing, unchecked, failing], 'diff').map((a) => a.index)).toEqual([1, 3, 2]);
    expect(sortAttempts([passing, unchecked, failing], 'cost').map((a) => a.index)).toEqual([2, 3, 1]);
    expect(sortAttempts([passing, unchecked, failing], 'index').map((a) => a.index)).toEqual([1, 2, 3]);
    const tie = [attempt(2, { costUsd: null }), attempt(1, { costUsd: null })];
    expect(sortAttempts(tie, 'cost').map((a) => a.index)).toEqual([1, 2]);
  });

  test('sorting copies: the group as received is left alone', () => {
    const list = [passing, failing];
    sortAttempts(list, 'index');
    expect(list.map((a) => a.index)).toEqual([3, 1]);
  });
});

describe('the run-attempts form rows', () => {
  test('growing copies the last row, shrinking drops rows, and the count stays within 1..8', () => {
    const one = resizeDrafts([], 1, 'codex');
    expect(one).toEqual([{ backend: 'codex', model: '' }]);
    const three = resizeDrafts([{ backend: 'claude', model: 'opus' }], 3, 'builtin');
    expect(three).toEqual([
      { backend: 'claude', model: 'opus' },
      { backend: 'claude', model: 'opus' },
      { backend: 'claude', model: 'opus' },
    ]);
    expect(three[1]).not.toBe(three[2]);
    expect(resizeDrafts(three, 2, 'builtin')).toHaveLength(2);
    expect(resizeDrafts(three, 0, 'builtin')).toHaveLength(1);
    expect(resizeDrafts(three, 99, 'builtin')).toHaveLength(MAX_ATTEMPTS);
    expect(resizeDrafts(three, Number.NaN, 'builtin')).toHaveLength(1);
  });

  test('a built-in model choice carries its provider; other agents send the typed name', () => {
    const value = modelChoiceValue({ provider: 'ollama', id: 'qwen:7b' });
    expect(value).toBe('ollama:qwen:7b');
    expect(parseModelChoice(value)).toEqual({ provider: 'ollama', model: 'qwen:7b' });
    expect(parseModelChoice('nope:model')).toBeNull();
    expect(parseModelChoice('')).toBeNull();
    expect(draftToVariant({ backend: 'builtin', model: value })).toEqual({
      backend: 'builtin',
      provider: 'ollama',
      model: 'qwen:7b',
    });
    expect(draftToVariant({ backend: 'builtin', model: '' })).toEqual({ backend: 'builtin' });
    expect(draftToVariant({ backend: 'codex', model: '  gpt-5-codex ' })).toEqual({
      backend: 'codex',
      model: 'gpt-5-codex',
    });
    expect(draftToVariant({ backend: 'claude', model: ' ' })).toEqual({ backend: 'claude' });
  });

  test('switching a row to another agent clears its model', () => {
    const draft = { backend: 'builtin' as const, model: 'openai:gpt' };
    expect(withBackend(draft, 'builtin')).toBe(draft);
    expect(withBackend(draft, 'claude')).toEqual({ backend: 'claude', model: '' });
  });
});

describe('the attempts slice', () => {
  beforeEach(() => useAttempts.getState().reset());

  test("a project's list replaces only its own groups, and clears its error", () => {
    const state = useAttempts.getState();
    state.upsert(group('old-p', 'p', 1, []));
    state.upsert(group('q1', 'q', 2, []));
    state.setError('p', 'boom');
    state.setProject('p', [group('p1', 'p', 5, [attempt(1)]), group('p2', 'p', 9, [attempt(2)])]);
    const { byId, errors } = useAttempts.getState();
    expect(Object.keys(byId).sort()).toEqual(['p1', 'p2', 'q1']);
    expect(errors).toEqual({});
    expect(groupsOfProject(byId, 'p').map((g) => g.id)).toEqual(['p2', 'p1']);
    expect(groupOfThread(byId, 't2')?.id).toBe('p2');
    expect(groupOfThread(byId, 'elsewhere')).toBeUndefined();
  });
});

describe('the repository settings form', () => {
  test('blank commands become none, setup files split by line, the pool size is clamped', () => {
    expect(
      settingsPatch({
        setupFiles: ' .env \n\n config/local.json',
        setupCommand: '  ',
        poolSize: '12',
        checkCommand: ' npm test ',
      }),
    ).toEqual({
      setupFiles: ['.env', 'config/local.json'],
      setupCommand: null,
      checkCommand: 'npm test',
      poolSize: 8,
    });
    expect(
      settingsPatch({ setupFiles: '', setupCommand: 'npm ci', poolSize: 'x', checkCommand: '' }),
    ).toEqual({
      setupFiles: [],
      setupCommand: 'npm ci',
      checkCommand: null,
    });
  });
});
