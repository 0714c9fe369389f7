import type { Skill, SkillProblem, SkillScope } from '../../../src-shared/contract';

/** Scopes in precedence order, strongest first (see docs/decisions/0011-skills.md). */
export const SKILL_SCOPES: readonly SkillScope[] = ['repo', 'repo-claude', 'user', 'codex', 'claude'];

const SCOPE_LABELS: Record<SkillScope, string> = {
  repo: 'Repository',
  'repo-claude': 'Repository (Claude Code)',
  user: 'User',
  codex: 'Codex',
  claude: 'Claude Code',
};

export function scopeLabel(scope: SkillScope): string {
  return SCOPE_LABELS[scope];
}

/** Scopes that live in a repository need a project to be chosen. */
export function isRepoScope(scope: SkillScope): boolean {
  return scope === 'repo' || scope === 'repo-claude';
}

/** Skills whose name or description contains every word of the query, within one scope or all. */
export function filterSkills(skills: readonly Skill[], query: string, scope: SkillScope | 'all'): Skill[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return skills.filter((skill) => {
    if (scope !== 'all' && skill.scope !== scope) return false;
    const text = `${skill.name} ${skill.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** "2 errors, 1 warning", or null when there is nothing to say. */
export function problemsSummary(problems: readonly SkillProblem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "Line 2: …" for a problem with a place, the bare message otherwise. */
export function problemText(problem: SkillProblem): string {
  return problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`;
}

/** The last folder of a skill's path: its name on disk. */
export function folderName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** The `$name` mention the agent expands, added to a message with a space before it when needed. */
export function insertMention(message: string, name: string): string {
  const mention = `$${name}`;
  if (message === '') return `${mention} `;
  return /\s$/.test(message) ? `${message}${mention} ` : `${message} ${mention} `;
}
