import { z } from 'zod';
import { idSchema } from './models';
import {
  threadTraceSchema,
  traceDayTotalsSchema,
  traceSettingsSchema,
  traceTotalsSchema,
} from './trace-models';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Requests of traces, merged into `methods` (methods.ts). */
export const traceMethods = {
  /** A thread's timeline (turns with their spans, by time) and its totals. */
  'trace/thread': {
    params: z.object({ threadId: idSchema }).strict(),
    result: threadTraceSchema,
  },
  /** Totals per local day over the last `days` days (30 by default), of one project or all. */
  'trace/totals': {
    params: z
      .object({ projectId: idSchema.optional(), days: z.number().int().min(1).max(366).optional() })
      .strict(),
    result: z.object({ days: z.array(traceDayTotalsSchema), totals: traceTotalsSchema }),
  },
  /** A thread's trace as JSON lines, one span per line; content only when asked for. */
  'trace/export': {
    params: z.object({ threadId: idSchema, includeContent: z.boolean().optional() }).strict(),
    result: z.object({ fileName: z.string(), jsonl: z.string() }),
  },
  'trace/getSettings': {
    params: z.object({}).strict(),
    result: traceSettingsSchema,
  },
  'trace/setSettings': {
    params: z
      .object({
        otlpEndpoint: z
          .url({ protocol: /^https?$/, error: 'The OTLP endpoint must be an http(s) URL.' })
          .max(2048)
          .nullable()
          .optional(),
        otlpHeaders: z
          .record(
            z.string().regex(HEADER_NAME, 'A header name has letters, digits and - only.').max(256),
            z.string().max(8192),
          )
          .optional(),
        includeContent: z.boolean().optional(),
      })
      .strict(),
    result: traceSettingsSchema,
  },
} as const;
