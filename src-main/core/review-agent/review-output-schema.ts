import type { JsonSchemaDefinition } from '@openai/agents';
import { z } from 'zod';
import { findingSeveritySchema, reviewVerdictSchema } from '../../../src-shared/contract';

/**
 * What the reviewer must answer, twice: as a JSON schema the providers enforce where they can
 * (OpenAI's strict structured outputs: every property required, no others), and as zod schemas we
 * check every answer with anyway, since a model or endpoint may ignore the format it was given.
 */

const FINDING_PROPERTIES = {
  title: { type: 'string', description: 'One line naming the problem.' },
  explanation: {
    type: 'string',
    description: 'What is wrong, why it matters, and how to fix it, in a few sentences.',
  },
  file: { type: 'string', description: 'The path of a file in the diff, exactly as the diff names it.' },
  startLine: { type: 'integer', description: 'First line of the range, in the new version of the file.' },
  endLine: { type: 'integer', description: 'Last line of the range (inclusive), in the new version.' },
  severity: { type: 'string', enum: findingSeveritySchema.options },
  confidence: { type: 'number', description: 'How sure you are that this is a real problem, 0 to 1.' },
} as const;

export const REVIEW_OUTPUT_SCHEMA: JsonSchemaDefinition = {
  type: 'json_schema',
  name: 'skein_code_review',
  strict: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['verdict', 'summary', 'findings'],
    properties: {
      verdict: { type: 'string', enum: reviewVerdictSchema.options },
      summary: { type: 'string', description: 'Two or three sentences on the change as a whole.' },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: Object.keys(FINDING_PROPERTIES),
          properties: FINDING_PROPERTIES,
        },
      },
    },
  },
};

/** Longest title and explanation kept; a model that writes more is rambling, not failing. */
const MAX_TITLE_CHARS = 300;
const MAX_EXPLANATION_CHARS = 8_000;

/** The whole answer, findings still unchecked: each is validated on its own so one bad entry spoils nothing else. */
export const reviewAnswerSchema = z.object({
  verdict: reviewVerdictSchema,
  summary: z.string().max(MAX_EXPLANATION_CHARS),
  findings: z.array(z.unknown()),
});

export const rawFindingSchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_TITLE_CHARS),
    explanation: z.string().trim().min(1).max(MAX_EXPLANATION_CHARS),
    file: z.string().trim().min(1).max(4096),
    startLine: z.number().int().min(1),
    endLine: z.number().int().min(1),
    severity: findingSeveritySchema,
    confidence: z.number().min(0).max(1),
  })
  .refine((finding) => finding.endLine >= finding.startLine, {
    message: 'endLine is before startLine',
    path: ['endLine'],
  });
export type RawFinding = z.infer<typeof rawFindingSchema>;
