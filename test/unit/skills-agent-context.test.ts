import { describe, expect, it } from 'vitest';
import {
  mentionedSkills,
  messageWithSkills,
  skillsInstructions,
  type AgentSkill,
} from '../../src-main/core/skills';

const skill = (name: string, description = `Helps with ${name}.`): AgentSkill => ({
  name,
  description,
  scope: 'user',
  path: `/home/u/.agents/skills/${name}`,
  content: `---\nname: ${name}\ndescription: ${description}\n---\nDo ${name} things.\n`,
});

describe('skills in the agent', () => {
  it('lists enabled skills by name and description within the budget', () => {
    expect(skillsInstructions([])).toBe('');
    const text = skillsInstructions([skill('pdf-tools'), skill('release-notes')]);
    expect(text).toContain('- pdf-tools: Helps with pdf-tools. (/home/u/.agents/skills/pdf-tools/SKILL.md)');
    expect(text).toContain('- release-notes:');
    const many = Array.from({ length: 100 }, (_, i) => skill(`skill-${i}`, 'x'.repeat(200)));
    const cut = skillsInstructions(many, 2_000);
    expect(cut.length).toBeLessThanOrEqual(2_100);
    expect(cut).toMatch(/and \d+ more skill\(s\) left out/);
  });

  it('finds $name mentions of known skills only, once each, in order', () => {
    const skills = [skill('pdf-tools'), skill('release-notes')];
    const found = mentionedSkills(
      'Use $release-notes then $pdf-tools, again $pdf-tools; not $nope or a$pdf-tools',
      skills,
    );
    expect(found.map((s) => s.name)).toEqual(['release-notes', 'pdf-tools']);
    expect(mentionedSkills('costs $5 and $$pdf-tools', skills)).toEqual([]);
  });

  it("puts each mentioned skill's whole SKILL.md and folder after the message", () => {
    const text = messageWithSkills('Please $pdf-tools', [skill('pdf-tools')]);
    expect(text.startsWith('Please $pdf-tools\n\n')).toBe(true);
    expect(text).toContain('<skill name="pdf-tools" path="/home/u/.agents/skills/pdf-tools">');
    expect(text).toContain('Do pdf-tools things.');
    expect(messageWithSkills('plain', [])).toBe('plain');
  });
});
