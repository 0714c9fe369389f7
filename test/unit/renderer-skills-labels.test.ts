import { describe, expect, it } from 'vitest';
import type { Skill, SkillProblem } from '../../src-shared/contract';
import {
  filterSkills,
  folderName,
  insertMention,
  problemsSummary,
  problemText,
} from '../../src-renderer/features/skills/skill-labels';

function skill(name: string, scope: Skill['scope'], description = `About ${name}.`): Skill {
  return {
    name,
    description,
    scope,
    root: '/h/.agents/skills',
    path: `/h/.agents/skills/${name}`,
    license: null,
    compatibility: null,
    allowedTools: null,
    metadata: {},
    files: [],
    problems: [],
    valid: true,
    shadowedBy: null,
    shadows: [],
    enabled: true,
    enabledSource: 'default',
  };
}

function problem(severity: SkillProblem['severity'], line: number | null): SkillProblem {
  return { severity, code: 'x', message: 'Something is wrong.', line, column: null };
}

describe('skill labels', () => {
  const skills = [
    skill('pdf-tools', 'user', 'Fill PDF forms.'),
    skill('lint-fix', 'repo'),
    skill('pdf-merge', 'codex'),
  ];

  it('filters by every word of the query, in name or description, and by scope', () => {
    expect(filterSkills(skills, 'pdf', 'all').map((s) => s.name)).toEqual(['pdf-tools', 'pdf-merge']);
    expect(filterSkills(skills, 'PDF forms', 'all').map((s) => s.name)).toEqual(['pdf-tools']);
    expect(filterSkills(skills, 'pdf', 'codex').map((s) => s.name)).toEqual(['pdf-merge']);
    expect(filterSkills(skills, '  ', 'repo').map((s) => s.name)).toEqual(['lint-fix']);
  });

  it('summarises problems by severity and places them by line', () => {
    expect(problemsSummary([])).toBeNull();
    expect(problemsSummary([problem('error', 2), problem('error', 3), problem('warning', null)])).toBe(
      '2 errors, 1 warning',
    );
    expect(problemText(problem('error', 2))).toBe('Line 2: Something is wrong.');
    expect(problemText(problem('warning', null))).toBe('Something is wrong.');
  });

  it('inserts a $mention with the spacing a message needs', () => {
    expect(insertMention('', 'pdf-tools')).toBe('$pdf-tools ');
    expect(insertMention('use', 'pdf-tools')).toBe('use $pdf-tools ');
    expect(insertMention('use ', 'pdf-tools')).toBe('use $pdf-tools ');
  });

  it('takes the folder name from a path on any platform', () => {
    expect(folderName('/h/.agents/skills/pdf-tools')).toBe('pdf-tools');
    expect(folderName('C:\\skills\\pdf-tools\\')).toBe('pdf-tools');
  });
});
