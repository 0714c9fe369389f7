import { z } from 'zod';
import { idSchema } from './models';

/**
 * Command-line coding agents (Claude Code, Codex, Gemini CLI, …) run in a thread's terminal. Skein
 * starts them with the prompt passed safely (an argv element, typed into the terminal, or a file;
 * never through a shell string), detects them on the login shell's PATH and follows their status.
 */

export const cliAgentPresetIdSchema = z.enum([
  'claude',
  'codex',
  'gemini',
  'aider',
  'opencode',
  'qwen',
  'amp',
  'cursor-agent',
  'goose',
]);
export type CliAgentPresetId = z.infer<typeof cliAgentPresetIdSchema>;

/**
 * How the first prompt reaches the agent: `argument` (the whole argument `{prompt}` of the template),
 * `stdin` (typed into the terminal once the agent drew its screen, as a bracketed paste when the
 * agent asked for it, then Enter), `file` (written to a 0600 temp file whose path replaces `{promptFile}`).
 */
export const cliAgentPromptDeliverySchema = z.enum(['argument', 'stdin', 'file']);
export type CliAgentPromptDelivery = z.infer<typeof cliAgentPromptDeliverySchema>;

/**
 * `working`: busy (output flowing, or its hooks said so); `waiting_for_input`: finished a turn or asks
 * something and waits for the user; `idle`: quiet without a visible prompt; `exited`: its process ended.
 */
export const cliAgentStatusSchema = z.enum(['working', 'waiting_for_input', 'idle', 'exited']);
export type CliAgentStatus = z.infer<typeof cliAgentStatusSchema>;

/**
 * Where the status comes from: `hooks` (the agent reports start and end of turns, e.g. Claude Code's
 * hooks), `notify` (it reports only the end of a turn, e.g. Codex's `notify`), `activity` (terminal
 * output and the last line on screen only: a guess).
 */
export const cliAgentStatusSourceSchema = z.enum(['hooks', 'notify', 'activity']);
export type CliAgentStatusSource = z.infer<typeof cliAgentStatusSourceSchema>;

/** Whether the executable was found on the login shell's PATH (or at its absolute path), and its version. */
export const cliAgentDetectionSchema = z.object({
  found: z.boolean(),
  /** The executable's absolute path when found. */
  path: z.string().nullable(),
  /** First line of `<executable> <versionArgs>`, null when it printed nothing or did not answer in time. */
  version: z.string().nullable(),
  /** Why it was not found or the version could not be read (a sentence). */
  error: z.string().nullable(),
});
export type CliAgentDetection = z.infer<typeof cliAgentDetectionSchema>;

const argSchema = z.string().max(4096);

/** What a user writes to run an agent: `executable` (a name looked up on PATH, or an absolute path) + args. */
export const cliAgentTemplateInputSchema = z.object({
  executable: z.string().trim().min(1).max(4096),
  /** Placeholders `{prompt}` / `{promptFile}` are whole arguments; plain text otherwise. */
  args: z.array(argSchema).max(100),
  promptDelivery: cliAgentPromptDeliverySchema,
});
export type CliAgentTemplateInput = z.infer<typeof cliAgentTemplateInputSchema>;

/** A custom template saved for the user (all projects). */
export const cliAgentTemplateSchema = cliAgentTemplateInputSchema.extend({
  id: idSchema,
  name: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type CliAgentTemplate = z.infer<typeof cliAgentTemplateSchema>;

export const cliAgentPresetSchema = z.object({
  id: cliAgentPresetIdSchema,
  /** Display name, e.g. "Claude Code". */
  name: z.string(),
  executable: z.string(),
  /** Arguments before the prompt (Skein's own hook arguments are added at start and not shown). */
  args: z.array(z.string()),
  /** Arguments carrying the prompt (with `{prompt}` / `{promptFile}`); left out when no prompt is given. */
  promptArgs: z.array(z.string()),
  promptDelivery: cliAgentPromptDeliverySchema,
  versionArgs: z.array(z.string()),
  statusSource: cliAgentStatusSourceSchema,
  /** Caveats worth showing (how the prompt is taken, what is guessed). */
  note: z.string().nullable(),
});
export type CliAgentPreset = z.infer<typeof cliAgentPresetSchema>;

export const cliAgentPresetInfoSchema = cliAgentPresetSchema.extend({ detection: cliAgentDetectionSchema });
export type CliAgentPresetInfo = z.infer<typeof cliAgentPresetInfoSchema>;

export const cliAgentTemplateInfoSchema = cliAgentTemplateSchema.extend({
  detection: cliAgentDetectionSchema,
});
export type CliAgentTemplateInfo = z.infer<typeof cliAgentTemplateInfoSchema>;

/** A problem of a template, for live validation in a form. */
export const cliAgentTemplateProblemSchema = z.object({
  /** `executable`, `args` (with `argIndex`) or `promptDelivery`. */
  field: z.enum(['executable', 'args', 'promptDelivery']),
  argIndex: z.number().int().nullable(),
  message: z.string(),
});
export type CliAgentTemplateProblem = z.infer<typeof cliAgentTemplateProblemSchema>;

/** One CLI agent started by Skein in a thread's terminal (kept for this host run). */
export const cliAgentSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  terminalId: idSchema,
  /** The preset it was started from, else null (a custom template). */
  presetId: cliAgentPresetIdSchema.nullable(),
  /** The saved template it was started from, else null. */
  templateId: z.string().nullable(),
  /** Display name: the preset's or template's name, or the executable's. */
  name: z.string(),
  /** The executable's absolute path. */
  executable: z.string(),
  status: cliAgentStatusSchema,
  statusSource: cliAgentStatusSourceSchema,
  /** Set once `exited` (null when a signal ended it). */
  exitCode: z.number().int().nullable(),
  startedAt: z.number().int(),
  statusChangedAt: z.number().int(),
});
export type CliAgent = z.infer<typeof cliAgentSchema>;
