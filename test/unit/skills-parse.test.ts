import { describe, expect, it } from 'vitest';
import { parseSkill, skillTemplate, withSkillName } from '../../src-main/core/skills';

const good = `---
name: pdf-tools
description: Extract text and tables from PDF files. Use when the user mentions PDFs.
license: MIT
compatibility: Needs python3
allowed-tools: Bash(python3:*) Read
metadata:
  author: someone
  version: "1.0"
---

# PDF tools

Run scripts/extract.py.
`;

const codes = (content: string, folder = 'pdf-tools') =>
  parseSkill(content, folder).problems.map((p) => p.code);

describe('SKILL.md parsing', () => {
  it('reads every field of a good skill without problems', () => {
    const parsed = parseSkill(good, 'pdf-tools');
    expect(parsed.problems).toEqual([]);
    expect(parsed.frontmatter).toEqual({
      name: 'pdf-tools',
      description: 'Extract text and tables from PDF files. Use when the user mentions PDFs.',
      license: 'MIT',
      compatibility: 'Needs python3',
      allowedTools: 'Bash(python3:*) Read',
      metadata: { author: 'someone', version: '1.0' },
    });
    expect(parsed.body).toContain('Run scripts/extract.py.');
  });

  it('reports bad YAML as an error with its line in the file', () => {
    const broken = `---\nname: pdf-tools\ndescription: [unclosed\nlicense: MIT\n---\nbody\n`;
    const problems = parseSkill(broken, 'pdf-tools').problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ severity: 'error', code: 'yaml-syntax' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a duplicated key with the line of the second one', () => {
    const problems = parseSkill(`---\nname: a\ndescription: x\nname: a\n---\nbody\n`, 'a').problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 4 })]);
  });

  it('requires frontmatter, a closing fence, a name and a description', () => {
    expect(codes('# just markdown\n')).toEqual(['frontmatter-missing']);
    expect(codes('---\nname: pdf-tools\n')).toEqual(['frontmatter-unclosed']);
    expect(codes('---\n- a\n- b\n---\nbody\n')).toEqual(['frontmatter-not-map']);
    expect(codes('---\nlicense: MIT\n---\nbody\n')).toEqual(['name-missing', 'description-missing']);
    expect(codes('---\nname: pdf-tools\ndescription: ""\n---\nbody\n')).toEqual(['description-missing']);
    expect(codes('---\nname: 42\ndescription: x\n---\nbody\n')).toEqual(['name-type']);
  });

  it('requires the name to be lowercase kebab-case, short, and the folder name', () => {
    const mismatch = parseSkill('---\nname: pdf-tools\ndescription: x\n---\nbody\n', 'pdf');
    expect(mismatch.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'name-mismatch', line: 2, column: 7 }),
    ]);
    expect(codes('---\nname: PDF_Tools\ndescription: x\n---\nbody\n', 'PDF_Tools')).toEqual(['name-format']);
    expect(codes('---\nname: -pdf\ndescription: x\n---\nbody\n', '-pdf')).toEqual(['name-format']);
    expect(codes('---\nname: pdf--tools\ndescription: x\n---\nbody\n', 'pdf--tools')).toEqual([
      'name-format',
    ]);
    const long = 'a'.repeat(65);
    expect(codes(`---\nname: ${long}\ndescription: x\n---\nbody\n`, long)).toEqual(['name-too-long']);
  });

  it('refuses a description over 1,024 characters and accepts one of exactly 1,024', () => {
    const at = (n: number) => `---\nname: s\ndescription: ${'d'.repeat(n)}\n---\nbody\n`;
    expect(codes(at(1024), 's')).toEqual([]);
    expect(parseSkill(at(1025), 's').problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'description-too-long', line: 3 }),
    ]);
  });

  it('warns about unknown keys, odd metadata and an empty body without making the skill invalid', () => {
    const problems = parseSkill(
      '---\nname: s\ndescription: x\nmodel: gpt\nmetadata:\n  list: [1, 2]\n---\n',
      's',
    ).problems;
    expect(problems.map((p) => [p.severity, p.code, p.line])).toEqual([
      ['warning', 'unknown-key', 4],
      ['warning', 'metadata-value', 6],
      ['warning', 'body-empty', null],
    ]);
    expect(codes('---\nname: s\ndescription: x\nmetadata: nope\n---\nbody\n', 's')).toEqual([
      'metadata-type',
    ]);
  });

  it('makes templates that validate and renames the frontmatter name in place', () => {
    expect(parseSkill(skillTemplate('new-skill', 'Does: things, "well"'), 'new-skill').problems).toEqual([]);
    const renamed = withSkillName(good, 'pdf-kit');
    expect(renamed).toBe(good.replace('name: pdf-tools', 'name: pdf-kit'));
    expect(parseSkill(renamed, 'pdf-kit').problems).toEqual([]);
    expect(withSkillName('---\ndescription: x\n---\nb\n', 'n')).toBe(
      '---\nname: n\ndescription: x\n---\nb\n',
    );
    expect(withSkillName('---\r\nname: "old"\r\ndescription: x\r\n---\r\n', 'new')).toBe(
      '---\nname: new\ndescription: x\n---\n',
    );
  });
});
