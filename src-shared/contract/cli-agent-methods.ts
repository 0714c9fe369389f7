import { z } from 'zod';
import {
  cliAgentPresetIdSchema,
  cliAgentPresetInfoSchema,
  cliAgentSchema,
  cliAgentTemplateInfoSchema,
  cliAgentTemplateInputSchema,
  cliAgentTemplateProblemSchema,
  cliAgentTemplateSchema,
} from './cli-agent-models';
import { idSchema, terminalSchema } from './models';

/** Requests of CLI agents in terminals, merged into `methods` (methods.ts). */
const ok = z.object({ ok: z.literal(true) });
const dimension = (max: number) => z.number().int().min(1).max(max);

export const cliAgentMethods = {
  /**
   * The presets and the user's saved templates, each with its detection on the login shell's PATH
   * (cached; `refresh: true` looks again, e.g. after the user installed one).
   */
  'cliAgents/presets': {
    params: z.object({ refresh: z.boolean().optional() }).strict(),
    result: z.object({
      presets: z.array(cliAgentPresetInfoSchema),
      templates: z.array(cliAgentTemplateInfoSchema),
    }),
  },
  /**
   * Starts an agent in a new terminal of the thread (cwd = its worktree). Exactly one of `preset`,
   * `templateId` (a saved template) or `template` (an unsaved one). `prompt` may be left out for a
   * preset or a stdin template; templates passing it by argument or file need one.
   */
  'cliAgents/start': {
    params: z
      .object({
        threadId: idSchema,
        preset: cliAgentPresetIdSchema.optional(),
        templateId: idSchema.optional(),
        template: cliAgentTemplateInputSchema.optional(),
        prompt: z.string().max(200_000).optional(),
        title: z.string().trim().min(1).max(200).optional(),
        cols: dimension(1000).optional(),
        rows: dimension(500).optional(),
      })
      .strict(),
    result: z.object({ terminal: terminalSchema, agent: cliAgentSchema }),
  },
  /** Agents started in this host run (all threads, or one). */
  'cliAgents/list': {
    params: z.object({ threadId: idSchema.optional() }).strict(),
    result: z.object({ agents: z.array(cliAgentSchema) }),
  },
  /** Ends the agent's process (its terminal stays, with the screen); the agent becomes `exited`. */
  'cliAgents/stop': { params: z.object({ agentId: idSchema }).strict(), result: ok },
  /** Problems of a template being written (nothing saved); an empty list means it can be saved. */
  'cliAgents/validateTemplate': {
    params: cliAgentTemplateInputSchema.strict(),
    result: z.object({ problems: z.array(cliAgentTemplateProblemSchema) }),
  },
  /** Saves a template for the user: a new one without `id`, else replaces that one. Names are unique. */
  'cliAgents/saveTemplate': {
    params: cliAgentTemplateInputSchema
      .extend({ id: idSchema.optional(), name: z.string().trim().min(1).max(80) })
      .strict(),
    result: z.object({ template: cliAgentTemplateSchema }),
  },
  'cliAgents/removeTemplate': { params: z.object({ templateId: idSchema }).strict(), result: ok },
} as const;
