import type { z } from 'zod';
import { SkeinError, type InvalidFinding, type ReviewVerdict } from '../../../src-shared/contract';
import { rawFindingSchema, reviewAnswerSchema, type RawFinding } from './review-output-schema';

/** How much of a malformed entry is kept to show: enough to recognize it, not a whole essay. */
const MAX_RAW_CHARS = 500;

/** The reviewed diff's files: each path and its line count on the new side (null: deleted there). */
export type DiffLineCounts = ReadonlyMap<string, number | null>;

export interface ParsedReview {
  verdict: ReviewVerdict;
  summary: string;
  /** The `findings` entries as the model sent them, not yet checked. */
  entries: unknown[];
}

export interface ValidatedFindings {
  valid: RawFinding[];
  invalid: InvalidFinding[];
}

/** A code fence around the whole answer (models asked for bare JSON still add one). */
const FENCED = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/;

/**
 * Reads the model's answer as a review. Text that is not JSON, or JSON without a verdict, a summary
 * and a findings array, fails the whole run: there is nothing trustworthy to show.
 */
export function parseReviewOutput(text: string): ParsedReview {
  const trimmed = text.trim();
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const start = trimmed.slice(0, 120).replace(/\s+/g, ' ');
    throw new SkeinError(
      'INVALID_STATE',
      trimmed === ''
        ? 'The reviewer answered with no text. Try again, or choose another model.'
        : `The reviewer did not answer with JSON (it began: "${start}"). Try again, or choose a model that supports structured output.`,
    );
  }
  const answer = reviewAnswerSchema.safeParse(json);
  if (!answer.success) {
    throw new SkeinError(
      'INVALID_STATE',
      `The reviewer's answer is not a review: ${issuesText(answer.error)}. Try again, or choose another model.`,
    );
  }
  return { verdict: answer.data.verdict, summary: answer.data.summary.trim(), entries: answer.data.findings };
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function rawText(entry: unknown): string {
  const text = JSON.stringify(entry) ?? String(entry);
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…` : text;
}

/** The paths the entries name, so the caller can count those files' lines before validating. */
export function referencedPaths(entries: readonly unknown[]): string[] {
  const paths = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const file = (entry as { file?: unknown }).file;
    if (typeof file === 'string') paths.add(file.trim());
  }
  return [...paths];
}

/** Why a well-formed finding still does not fit the diff, or null when it does. */
function placeProblem(finding: RawFinding, files: DiffLineCounts): string | null {
  if (!files.has(finding.file)) return `the file ${finding.file} is not in the reviewed diff`;
  const lines = files.get(finding.file) ?? null;
  if (lines === null)
    return `the file ${finding.file} has no text on the new side (deleted or binary), so no lines to point at`;
  if (finding.endLine > lines) {
    return `lines ${finding.startLine}–${finding.endLine} are outside ${finding.file}, which has ${lines} line(s)`;
  }
  return null;
}

/**
 * Checks each finding on its own: its fields and types, then that its file is in the diff and its
 * lines inside that file. Entries that fail go to `invalid` with the reason and are never findings.
 */
export function validateFindings(entries: readonly unknown[], files: DiffLineCounts): ValidatedFindings {
  const valid: RawFinding[] = [];
  const invalid: InvalidFinding[] = [];
  entries.forEach((entry, index) => {
    const parsed = rawFindingSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ index, reason: issuesText(parsed.error), raw: rawText(entry) });
      return;
    }
    const problem = placeProblem(parsed.data, files);
    if (problem) invalid.push({ index, reason: problem, raw: rawText(entry) });
    else valid.push(parsed.data);
  });
  return { valid, invalid };
}

/** Lines of a text file as an editor numbers them (a final newline does not start another line). */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}
