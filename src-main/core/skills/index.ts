export {
  createSkillService,
  type SkillService,
  type SkillServiceDeps,
  type SkillContext,
} from './skills-service';
export {
  parseSkill,
  hasNoErrors,
  MAX_NAME_CHARS,
  MAX_DESCRIPTION_CHARS,
  SKILL_NAME_PATTERN,
} from './parse-skill';
export { skillTemplate, withSkillName } from './skill-text';
export { skillRoots, resolveSkillHomes, SCOPE_PRECEDENCE, type SkillHomes } from './skill-roots';
export { discoverSkills, resolveDuplicates } from './discover-skills';
export { locateSkillFolder, type KnownRoot } from './skill-paths';
export {
  skillsInstructions,
  mentionedSkills,
  messageWithSkills,
  skillUses,
  SKILLS_INSTRUCTIONS_BUDGET_CHARS,
  type AgentSkill,
  type AgentSkillSource,
} from './agent-skills';
