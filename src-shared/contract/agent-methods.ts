import { z } from 'zod';
import {
  agentSettingsPatchSchema,
  agentSettingsViewSchema,
  approvalDecisionSchema,
  approvalRuleSchema,
  approvalSchema,
  itemSchema,
  modelInfoSchema,
  providerKindSchema,
  turnSchema,
} from './agent-models';
import { idSchema } from './models';

/** Requests of the built-in agent, merged into `methods` (methods.ts). */
const ok = z.object({ ok: z.literal(true) });
const message = z.string().trim().min(1).max(200_000);
const modelName = z.string().trim().min(1).max(200);

export const agentMethods = {
  /** Starts a turn from a user message; the turn runs on, reported by `turn/*` and `item/*` notifications. */
  'turn/start': {
    params: z
      .object({
        threadId: idSchema,
        message,
        provider: providerKindSchema.optional(),
        model: modelName.optional(),
      })
      .strict(),
    result: z.object({ turn: turnSchema }),
  },
  /** Picks up the thread's last interrupted turn (cut off by a crash or by the user) where it stopped. */
  'turn/continue': {
    params: z.object({ threadId: idSchema, message: message.optional() }).strict(),
    result: z.object({ turn: turnSchema }),
  },
  /** Stops the running turn: the model call and any running command are aborted. */
  'turn/interrupt': { params: z.object({ threadId: idSchema }).strict(), result: ok },
  /** Adds a user message to the running turn; the model reads it at its next step. */
  'turn/steer': {
    params: z.object({ threadId: idSchema, message }).strict(),
    result: z.object({ turnId: idSchema }),
  },
  /** The transcript: turns and their items, oldest first. */
  'thread/items': {
    params: z.object({ threadId: idSchema }).strict(),
    result: z.object({ turns: z.array(turnSchema), items: z.array(itemSchema) }),
  },

  'approval/list': {
    params: z.object({ threadId: idSchema.optional() }).strict(),
    result: z.object({ approvals: z.array(approvalSchema) }),
  },
  'approval/respond': {
    params: z
      .object({
        approvalId: idSchema,
        decision: approvalDecisionSchema,
        /** Told to the model with a decline. */
        message: z.string().max(4_000).optional(),
      })
      .strict(),
    result: z.object({ approval: approvalSchema }),
  },
  'approval/rules': {
    params: z.object({ threadId: idSchema.optional() }).strict(),
    result: z.object({ rules: z.array(approvalRuleSchema) }),
  },
  'approval/removeRule': { params: z.object({ ruleId: idSchema }).strict(), result: ok },

  /** The settings layers and what they resolve to, for a thread or a project (or the user's defaults). */
  'agent/getSettings': {
    params: z.object({ projectId: idSchema.optional(), threadId: idSchema.optional() }).strict(),
    result: agentSettingsViewSchema,
  },
  'agent/setSettings': {
    params: z
      .object({
        scope: z.enum(['user', 'project', 'thread']),
        projectId: idSchema.optional(),
        threadId: idSchema.optional(),
        settings: agentSettingsPatchSchema,
      })
      .strict(),
    result: agentSettingsViewSchema,
  },
  /**
   * Stores a provider key (encrypted by the system keyring in the desktop app, else a 0600 file; see
   * `keyStorage` of the settings); null removes it. Keys are never sent back.
   */
  'agent/setKey': {
    params: z
      .object({
        provider: z.enum(['openai', 'anthropic']),
        apiKey: z.string().trim().min(1).max(1_000).nullable(),
      })
      .strict(),
    result: ok,
  },
  /** Models the configured providers offer, including a local Ollama's when it answers. */
  'agent/models': {
    params: z.object({ projectId: idSchema.optional(), threadId: idSchema.optional() }).strict(),
    result: z.object({
      models: z.array(modelInfoSchema),
      errors: z.array(z.object({ provider: providerKindSchema, message: z.string() })),
    }),
  },
} as const;
