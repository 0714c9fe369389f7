import { z } from 'zod';
import { idSchema } from './models';

/**
 * Agent skills (the open SKILL.md format): folders with a `SKILL.md` whose YAML frontmatter names and
 * describes the skill. Skein finds them in the repository's, the user's, Codex's and Claude Code's folders.
 */

/**
 * Where a skill lives. Precedence for a name found in several places, strongest first:
 * `repo` (`.agents/skills`, nearest the working folder first) > `repo-claude` (`<repo>/.claude/skills`)
 * > `user` (`~/.agents/skills`) > `codex` (`$CODEX_HOME/skills`) > `claude` (`~/.claude/skills`).
 */
export const skillScopeSchema = z.enum(['repo', 'repo-claude', 'user', 'codex', 'claude']);
export type SkillScope = z.infer<typeof skillScopeSchema>;

/** A problem in a SKILL.md: an `error` keeps the skill from the agent, a `warning` does not. */
export const skillProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Stable code for the client (e.g. `name-mismatch`, `yaml-syntax`). */
  code: z.string(),
  message: z.string(),
  /** 1-based line and column in SKILL.md; null when the problem is about the whole file or folder. */
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});
export type SkillProblem = z.infer<typeof skillProblemSchema>;

/** A file of a skill's folder besides SKILL.md (scripts/, references/, assets/ or elsewhere). */
export const skillFileSchema = z.object({
  /** Relative to the skill's folder, `/`-separated. */
  path: z.string(),
  size: z.number().int(),
  kind: z.enum(['script', 'reference', 'asset', 'other']),
});
export type SkillFile = z.infer<typeof skillFileSchema>;

export const skillSchema = z.object({
  /** The frontmatter's name (or the folder's name when the frontmatter has none). */
  name: z.string(),
  description: z.string(),
  scope: skillScopeSchema,
  /** The skills folder the skill is in (e.g. `/home/me/.agents/skills`). */
  root: z.string(),
  /** The skill's folder: its identity in every request. */
  path: z.string(),
  license: z.string().nullable(),
  compatibility: z.string().nullable(),
  allowedTools: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  files: z.array(skillFileSchema),
  problems: z.array(skillProblemSchema),
  /** No error-level problem: the agent can use it. */
  valid: z.boolean(),
  /** Another skill of the same name wins (see the scope precedence); this one is not used. */
  shadowedBy: z.string().nullable(),
  /** Paths of the skills of the same name this one wins over. */
  shadows: z.array(z.string()),
  /** For the project/thread asked about (true when nothing says otherwise). */
  enabled: z.boolean(),
  /** Which setting decided `enabled`. */
  enabledSource: z.enum(['default', 'project', 'thread']),
});
export type Skill = z.infer<typeof skillSchema>;

/** A skills folder looked at for a listing, whether or not it exists yet. */
export const skillRootSchema = z.object({ scope: skillScopeSchema, path: z.string(), exists: z.boolean() });
export type SkillRoot = z.infer<typeof skillRootSchema>;

export const skillDetailSchema = z.object({ skill: skillSchema, content: z.string() });
export type SkillDetail = z.infer<typeof skillDetailSchema>;

export const skillTrashEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: skillScopeSchema,
  /** Where the skill was, and goes back to on restore. */
  originalPath: z.string(),
  deletedAt: z.number(),
});
export type SkillTrashEntry = z.infer<typeof skillTrashEntrySchema>;

/** A skill found in an import source, before anything is installed. */
export const skillImportCandidateSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Relative to the source's root. */
  relativePath: z.string(),
  files: z.array(skillFileSchema),
  problems: z.array(skillProblemSchema),
  valid: z.boolean(),
});
export type SkillImportCandidate = z.infer<typeof skillImportCandidateSchema>;

export const skillImportPreviewSchema = z.object({
  previewId: z.string(),
  source: z.string(),
  /** The commit cloned, null for a plain folder. */
  commit: z.string().nullable(),
  skills: z.array(skillImportCandidateSchema),
  /** The preview (its temporary clone) is dropped after this time (epoch ms). */
  expiresAt: z.number(),
});
export type SkillImportPreview = z.infer<typeof skillImportPreviewSchema>;

/** Which skills a user message brought into its turn (on `user_message` items). */
export const skillUseSchema = z.object({ name: z.string(), scope: skillScopeSchema, path: z.string() });
export type SkillUse = z.infer<typeof skillUseSchema>;

/** The project/thread a request is about: picks the repository folders and the enabled settings. */
export const skillContextSchema = z.object({ projectId: idSchema.optional(), threadId: idSchema.optional() });
