import { z } from 'zod';
import { idSchema } from './models';
import {
  skillDetailSchema,
  skillImportPreviewSchema,
  skillProblemSchema,
  skillRootSchema,
  skillSchema,
  skillScopeSchema,
  skillTrashEntrySchema,
} from './skill-models';

/** Requests of skills, merged into `methods` (methods.ts). */
const ok = z.object({ ok: z.literal(true) });
/** A skill folder as `skills/list` gave it; the host refuses any path outside a known skills folder. */
const skillPath = z.string().min(1).max(4096);
/** A skill's name as the open format allows it (lowercase kebab-case, at most 64 characters). */
const skillName = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'Use lowercase letters, digits and single hyphens for a skill name (e.g. "pdf-tools").',
  )
  .max(64, 'A skill name has at most 64 characters.');
/** Repository scopes need the project (and, for a thread's worktree, the thread). */
const target = {
  scope: skillScopeSchema,
  projectId: idSchema.optional(),
  threadId: idSchema.optional(),
};
const context = { projectId: idSchema.optional(), threadId: idSchema.optional() };
const withProblems = z.object({ skill: skillSchema, problems: z.array(skillProblemSchema) });

export const skillMethods = {
  /**
   * Every skill Skein can see for a project or thread (user, Codex and Claude Code folders always;
   * the repository's with a project or thread), with duplicates marked and the enabled state.
   * Also starts watching these folders: `skills/changed` follows any change on disk.
   */
  'skills/list': {
    params: z.object(context).strict(),
    result: z.object({ skills: z.array(skillSchema), roots: z.array(skillRootSchema) }),
  },
  'skills/get': {
    params: z.object({ path: skillPath, ...context }).strict(),
    result: skillDetailSchema,
  },
  /** Problems of a SKILL.md being written (nothing is saved): live validation as the user types. */
  'skills/validate': {
    params: z.object({ content: z.string().max(1_000_000), folderName: z.string().min(1).max(255) }).strict(),
    result: z.object({ problems: z.array(skillProblemSchema) }),
  },
  /** A new skill from the template, in the scope's folder (created if missing). */
  'skills/create': {
    params: z
      .object({ ...target, name: skillName, description: z.string().trim().min(1).max(1024) })
      .strict(),
    result: skillDetailSchema,
  },
  /** Writes SKILL.md even when it has problems (the user's work is never refused); they come back with it. */
  'skills/save': {
    params: z.object({ path: skillPath, content: z.string().max(1_000_000), ...context }).strict(),
    result: withProblems,
  },
  /** A copy next to the original, named `newName` (default `<name>-copy`), frontmatter name included. */
  'skills/duplicate': {
    params: z.object({ path: skillPath, newName: skillName.optional(), ...context }).strict(),
    result: skillDetailSchema,
  },
  /** Renames the folder and the frontmatter's `name` together. */
  'skills/rename': {
    params: z.object({ path: skillPath, newName: skillName, ...context }).strict(),
    result: skillDetailSchema,
  },
  /** Moves the skill's folder to Skein's skill trash (see `skills/trash`, `skills/restore`). */
  'skills/delete': {
    params: z.object({ path: skillPath, ...context }).strict(),
    result: z.object({ entry: skillTrashEntrySchema }),
  },
  'skills/trash': {
    params: z.object({}).strict(),
    result: z.object({ entries: z.array(skillTrashEntrySchema) }),
  },
  /** Puts a trashed skill back where it was; refused when a folder of that name is there now. */
  'skills/restore': {
    params: z.object({ trashId: z.string().min(1).max(200) }).strict(),
    result: z.object({ path: z.string() }),
  },
  /**
   * Enables or disables a skill (by name) for a project, or for one thread of it (the thread's
   * setting wins over the project's). `enabled: null` removes the setting (back to the default, on).
   */
  'skills/setEnabled': {
    params: z
      .object({
        name: skillName,
        projectId: idSchema,
        threadId: idSchema.optional(),
        enabled: z.boolean().nullable(),
      })
      .strict(),
    result: ok,
  },
  /**
   * Clones a git URL or a local repository (`git clone --depth 1`) into a temporary folder, or reads a
   * plain local folder, and lists the skills in it. The preview lives for a few minutes.
   */
  'skills/importPreview': {
    params: z.object({ source: z.string().trim().min(1).max(4096) }).strict(),
    result: skillImportPreviewSchema,
  },
  /** Installs the chosen skills of a preview into a scope's folder; an existing skill of the same name is refused. */
  'skills/import': {
    params: z
      .object({ previewId: z.string().min(1).max(200), names: z.array(skillName).min(1).max(500), ...target })
      .strict(),
    result: z.object({ skills: z.array(skillSchema) }),
  },
  /** Copies a skill into another scope's folder (e.g. Codex's or Claude Code's) so that agent sees it too. */
  'skills/copyTo': {
    params: z.object({ path: skillPath, ...target }).strict(),
    result: skillDetailSchema,
  },
} as const;
