import type { SkillScope, SkillUse } from '../../../src-shared/contract';

/**
 * Characters of the instructions given to the list of enabled skills. Codex keeps its skills list to
 * a few thousand characters; names and descriptions past this budget are left out (the count is said).
 */
export const SKILLS_INSTRUCTIONS_BUDGET_CHARS = 8_000;
/** A mentioned SKILL.md larger than this is cut in the turn's input (the limit of a readable file). */
export const MAX_MENTIONED_SKILL_CHARS = 200_000;

/** A skill the agent may use in a thread: enabled, valid and not shadowed. */
export interface AgentSkill {
  name: string;
  description: string;
  scope: SkillScope;
  path: string;
  /** The whole SKILL.md. */
  content: string;
}

/** Gives the built-in agent the skills of a thread (the skills service, injected into the agent). */
export interface AgentSkillSource {
  forThread(threadId: string): Promise<AgentSkill[]>;
}

/** The instructions' section listing the enabled skills, within the budget; empty when there are none. */
export function skillsInstructions(
  skills: readonly AgentSkill[],
  budget = SKILLS_INSTRUCTIONS_BUDGET_CHARS,
): string {
  if (skills.length === 0) return '';
  const head = `Skills: folders of instructions for particular tasks. When a task matches a skill's description, read its SKILL.md (path below) before you start, and follow it; its other files (scripts/, references/, assets/) are next to it, and read_file reads them by absolute path. A "$name" in a user message brings that skill's SKILL.md into the message.`;
  const lines: string[] = [];
  let used = head.length;
  for (const skill of skills) {
    const line = `- ${skill.name}: ${skill.description.replace(/\s+/g, ' ').trim()} (${skill.path}/SKILL.md)`;
    if (used + line.length + 1 > budget) break;
    lines.push(line);
    used += line.length + 1;
  }
  const left = skills.length - lines.length;
  if (left > 0)
    lines.push(`- … and ${left} more skill(s) left out for length; the user can name them with $name.`);
  return [head, ...lines].join('\n');
}

/** Skills named `$name` in a message, in the order first mentioned. */
export function mentionedSkills(message: string, skills: readonly AgentSkill[]): AgentSkill[] {
  const byName = new Map(skills.map((skill) => [skill.name, skill]));
  const found: AgentSkill[] = [];
  for (const match of message.matchAll(/(?<![\w$])\$([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
    const skill = byName.get(match[1] ?? '');
    if (skill && !found.includes(skill)) found.push(skill);
  }
  return found;
}

/** The model's text for a user message that mentions skills: the message, then each whole SKILL.md. */
export function messageWithSkills(message: string, skills: readonly AgentSkill[]): string {
  if (skills.length === 0) return message;
  const blocks = skills.map((skill) => {
    const content =
      skill.content.length > MAX_MENTIONED_SKILL_CHARS
        ? `${skill.content.slice(0, MAX_MENTIONED_SKILL_CHARS)}\n[SKILL.md cut at ${MAX_MENTIONED_SKILL_CHARS} characters; read the rest from the file.]`
        : skill.content;
    return `<skill name="${skill.name}" path="${skill.path}">\n${content.trimEnd()}\n</skill>`;
  });
  return `${message}\n\nThe user asked for these skills; their SKILL.md follow (other files of a skill are in its folder):\n\n${blocks.join('\n\n')}`;
}

export function skillUses(skills: readonly AgentSkill[]): SkillUse[] {
  return skills.map((skill) => ({ name: skill.name, scope: skill.scope, path: skill.path }));
}
