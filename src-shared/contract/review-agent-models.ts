import { z } from 'zod';
import { providerKindSchema } from './agent-models';
import { idSchema } from './models';
import { commitIdSchema } from './review-models';

/**
 * The review agent: a reviewer model reads a thread's diff and answers with structured findings,
 * each validated one by one; what fails validation is reported, never shown as a finding.
 */

export const findingSeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** `sent`: given to the thread's agent as a task (a new turn, or a steer of the running one). */
export const findingStatusSchema = z.enum(['open', 'dismissed', 'sent']);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const reviewVerdictSchema = z.enum(['approve', 'request_changes', 'comment']);
export type ReviewVerdict = z.infer<typeof reviewVerdictSchema>;

export const reviewFindingSchema = z.object({
  id: idSchema,
  runId: idSchema,
  title: z.string(),
  /** The explanation: what is wrong and why, perhaps how to fix it. */
  body: z.string(),
  /** A file of the reviewed diff; lines are of its new side (the thread's version). */
  path: z.string(),
  startLine: z.number().int().min(1),
  endLine: z.number().int().min(1),
  severity: findingSeveritySchema,
  /** The reviewer's own confidence, 0..1. */
  confidence: z.number().min(0).max(1),
  status: findingStatusSchema,
  /** The turn it was sent in (or steered into); null until sent. */
  sentTurnId: z.string().nullable(),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;

/** A finding the model returned that failed validation: kept to report, never shown as a finding. */
export const invalidFindingSchema = z.object({
  /** Its place (0-based) in the model's `findings` array. */
  index: z.number().int(),
  reason: z.string(),
  /** The entry as JSON text, cut short. */
  raw: z.string(),
});
export type InvalidFinding = z.infer<typeof invalidFindingSchema>;

/** Who reviews: a one-shot call to a built-in provider's model, or `codex exec` with an output schema. */
export const reviewerKindSchema = z.enum(['built-in', 'codex']);
export type ReviewerKind = z.infer<typeof reviewerKindSchema>;

export const reviewRunStatusSchema = z.enum(['running', 'completed', 'failed', 'cancelled']);
export type ReviewRunStatus = z.infer<typeof reviewRunStatusSchema>;

export const reviewRunSchema = z.object({
  id: idSchema,
  threadId: idSchema,
  reviewer: reviewerKindSchema,
  /** The built-in provider; null for Codex. */
  provider: providerKindSchema.nullable(),
  /** The model asked for; for Codex, '' when its own configured default was used. */
  model: z.string(),
  status: reviewRunStatusSchema,
  /** Null until the run completes. */
  verdict: reviewVerdictSchema.nullable(),
  summary: z.string().nullable(),
  /** The diff reviewed: the merge-base and a snapshot of the worktree (uncommitted work included). */
  from: commitIdSchema.nullable(),
  to: commitIdSchema.nullable(),
  /** The diff given to the model was cut to fit (its middle left out). */
  diffTruncated: z.boolean(),
  invalid: z.array(invalidFindingSchema),
  /** Why the run failed, in words a person can act on. */
  error: z.string().nullable(),
  createdAt: z.number(),
  completedAt: z.number().nullable(),
  tokensIn: z.number().int().nullable(),
  tokensOut: z.number().int().nullable(),
  /** US dollars; null when the model's price is unknown. */
  costUsd: z.number().nullable(),
  findings: z.array(reviewFindingSchema),
});
export type ReviewRun = z.infer<typeof reviewRunSchema>;
