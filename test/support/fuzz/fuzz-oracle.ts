import {
  ERROR_CODES,
  errorKindForCode,
  isMethodName,
  methods,
  requestIdSchema,
  type ErrorKind,
  type RequestId,
} from '../../../src-shared/contract';

/**
 * What the host must answer to a frame, worked out from JSON-RPC 2.0 and the contract's own schemas
 * (never from the router's code): the frame's id if it has a valid one, and whether it is invalid.
 */
export type Expected =
  /** A notification (valid envelope, no id), or a blank line: nothing comes back. */
  | { reply: 'none' }
  /** The id cannot be read (bad JSON, not an object, invalid id): an error with `id: null`. */
  | { reply: 'null'; kind: ErrorKind }
  /** An error of this kind for this id. */
  | { reply: 'error'; id: RequestId; kind: ErrorKind }
  /** Valid params: a result, or an error of a documented kind that is not about the message's form. */
  | { reply: 'answer'; id: RequestId; method: string };

export function expectedReply(line: string): Expected {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return { reply: 'none' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { reply: 'null', kind: 'PARSE_ERROR' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { reply: 'null', kind: 'INVALID_REQUEST' };
  }
  const { jsonrpc, id: rawId, method, params } = message as Record<string, unknown>;
  const hasId = rawId !== undefined;
  const id = requestIdSchema.safeParse(rawId);
  if (jsonrpc !== '2.0' || typeof method !== 'string' || (hasId && !id.success)) {
    return id.success
      ? { reply: 'error', id: id.data, kind: 'INVALID_REQUEST' }
      : { reply: 'null', kind: 'INVALID_REQUEST' };
  }
  if (!hasId || !id.success) return { reply: 'none' };
  if (!isMethodName(method)) return { reply: 'error', id: id.data, kind: 'METHOD_NOT_FOUND' };
  // Absent or null params count as `{}` (the router's documented leniency for parameterless calls).
  if (!methods[method].params.safeParse(params ?? {}).success) {
    return { reply: 'error', id: id.data, kind: 'INVALID_PARAMS' };
  }
  return { reply: 'answer', id: id.data, method };
}

/** Kinds that say the message itself was malformed: a valid-shaped message must never get them. */
const FORM_KINDS: ReadonlySet<ErrorKind> = new Set(['PARSE_ERROR', 'INVALID_REQUEST', 'METHOD_NOT_FOUND']);
const KNOWN_CODES = new Set<number>(Object.values(ERROR_CODES));
/** A stack frame ("    at fn (file.ts:1:2)"), a node-internal frame or a source position. */
const STACK_PATTERN = /\n\s*at\s|\bat [^\s()]+ \([^)]*:\d+:\d+\)|node:internal|\.(?:ts|js|mjs|cjs):\d+:\d+/;

export interface Response {
  jsonrpc?: unknown;
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: { kind?: unknown } };
}

/** Why `response` is a wrong answer to a frame expected to get `expected`, or null when it is right. */
export function judgeResponse(expected: Expected, response: Response): string | null {
  if (response.jsonrpc !== '2.0') return 'the answer has no "jsonrpc": "2.0"';
  const hasResult = 'result' in response;
  const error = response.error;
  if (hasResult === (error !== undefined)) return 'the answer must have exactly one of result and error';
  if (error) {
    const { code, message, data } = error;
    if (typeof code !== 'number' || !Number.isInteger(code))
      return `the error code ${String(code)} is not an integer`;
    if (!KNOWN_CODES.has(code)) return `the error code ${code} is not one of errors.ts`;
    if (typeof message !== 'string' || message.trim() === '') return 'the error has no message';
    if (data?.kind !== errorKindForCode(code))
      return `the error's kind ${String(data?.kind)} does not match code ${code}`;
    if (STACK_PATTERN.test(JSON.stringify(error))) return 'the error leaks a stack trace or source position';
  }
  if (expected.reply === 'none') return 'a notification was answered';
  if (expected.reply === 'null' || expected.reply === 'error') {
    if (!error) return `expected a ${expected.kind} error, got a result`;
    if (error.data?.kind !== expected.kind)
      return `expected ${expected.kind}, got ${String(error.data?.kind)}`;
    return null;
  }
  if (error) {
    const kind = error.data?.kind as ErrorKind;
    if (FORM_KINDS.has(kind)) return `a valid-shaped ${expected.method} was answered ${kind}`;
    if (kind === 'INTERNAL') return `${expected.method} failed unexpectedly: ${String(error.message)}`;
  }
  return null;
}
