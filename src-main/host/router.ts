import { type z } from 'zod';
import {
  ERROR_CODES,
  isMethodName,
  isSkeinError,
  methods,
  type MethodName,
  type MethodParamsParsed,
  type MethodResult,
  type RpcErrorObject,
  type RequestId,
  requestIdSchema,
  type SkeinError,
} from '../../src-shared/contract';
import { createLogger } from '../core/log';
import type { Connection } from './connection';

const log = createLogger('router');

export interface HandlerContext {
  connection: Connection;
}

export type Handler<M extends MethodName> = (
  params: MethodParamsParsed<M>,
  context: HandlerContext,
) => MethodResult<M> | Promise<MethodResult<M>>;

/** Readable summary of a zod failure: "path: problem; path: problem". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(params)'}: ${issue.message}`)
    .join('; ');
}

/** Node's refusal of a NUL byte in a path (fs) or an argument (child_process). */
function isNulByteRefusal(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    (error as NodeJS.ErrnoException).code === 'ERR_INVALID_ARG_VALUE' &&
    error.message.includes('null bytes')
  );
}

function errorResponse(id: RequestId | null, error: RpcErrorObject): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error });
}

export interface RouterOptions {
  /** Recognises expected failures that reach the router as plain errors (say, a full disk under the data folder). */
  translateError?: (error: unknown) => SkeinError | null;
  /** Words an expected failure better (git's words when the thread's folder is gone); null keeps it. */
  explainError?: (error: SkeinError) => SkeinError | null;
}

/**
 * Maps contract methods to handlers. Validates every incoming message, so a handler only
 * ever sees params that match its schema, and turns every failure into a JSON-RPC error.
 */
export class Router {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(private readonly options: RouterOptions = {}) {}

  register<M extends MethodName>(method: M, handler: Handler<M>): void {
    if (this.handlers.has(method)) throw new Error(`Handler for ${method} registered twice`);
    this.handlers.set(method, handler);
  }

  registered(): MethodName[] {
    return [...this.handlers.keys()];
  }

  /** Handles one text frame; resolves to the response text, or null for a notification. */
  async handle(text: string, context: HandlerContext): Promise<string | null> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return errorResponse(null, {
        code: ERROR_CODES.PARSE_ERROR,
        message: 'The message is not valid JSON.',
        data: { kind: 'PARSE_ERROR' },
      });
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return errorResponse(null, {
        code: ERROR_CODES.INVALID_REQUEST,
        message: 'A JSON-RPC message must be an object (batches are not supported).',
        data: { kind: 'INVALID_REQUEST' },
      });
    }
    const { jsonrpc, id: rawId, method, params } = message as Record<string, unknown>;
    const hasId = rawId !== undefined;
    const idCheck = requestIdSchema.safeParse(rawId);
    const id: RequestId | null = idCheck.success ? idCheck.data : null;
    if (jsonrpc !== '2.0' || typeof method !== 'string' || (hasId && !idCheck.success)) {
      return errorResponse(id, {
        code: ERROR_CODES.INVALID_REQUEST,
        message:
          'Not a JSON-RPC 2.0 request: it needs "jsonrpc": "2.0", a string "method" and a string or integer "id".',
        data: { kind: 'INVALID_REQUEST' },
      });
    }
    const response = await this.dispatch(method, params, context);
    if (!hasId) return null;
    return 'error' in response
      ? errorResponse(id, response.error)
      : JSON.stringify({ jsonrpc: '2.0', id, result: response.result });
  }

  private async dispatch(
    method: string,
    rawParams: unknown,
    context: HandlerContext,
  ): Promise<{ result: unknown } | { error: RpcErrorObject }> {
    const handler = isMethodName(method) ? this.handlers.get(method) : undefined;
    if (!isMethodName(method) || !handler) {
      return {
        error: {
          code: ERROR_CODES.METHOD_NOT_FOUND,
          message: `Unknown method "${method.slice(0, 128)}".`,
          data: { kind: 'METHOD_NOT_FOUND' },
        },
      };
    }
    const schema = methods[method];
    const parsed = schema.params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      return {
        error: {
          code: ERROR_CODES.INVALID_PARAMS,
          message: `Invalid params for ${method}: ${describeZodError(parsed.error)}.`,
          data: { kind: 'INVALID_PARAMS' },
        },
      };
    }
    try {
      const result = await handler(parsed.data, context);
      // Results are checked too: a host bug should surface as an error here, not as a confused client.
      return { result: schema.result.parse(result) };
    } catch (error) {
      const known = isSkeinError(error)
        ? (this.options.explainError?.(error) ?? error)
        : (this.options.translateError?.(error) ?? null);
      if (known) {
        if (known !== error) log.warn(`${method} failed: ${known.message}`, error);
        return {
          error: {
            code: known.code,
            message: known.message,
            data: { kind: known.kind, details: known.details },
          },
        };
      }
      if (isNulByteRefusal(error)) {
        // Node refuses a NUL byte in any path or argv element; a client sent one, so it is their input, not our bug.
        return {
          error: {
            code: ERROR_CODES.INVALID_PARAMS,
            message: `Invalid params for ${method}: a path or name contains a NUL character; remove it and try again.`,
            data: { kind: 'INVALID_PARAMS' },
          },
        };
      }
      log.error(`Unexpected failure in ${method}`, error);
      const text = error instanceof Error ? error.message : String(error);
      return {
        error: {
          code: ERROR_CODES.INTERNAL,
          message: `Skein hit an unexpected error in ${method}: ${text}. The host log has the details.`,
          data: { kind: 'INTERNAL' },
        },
      };
    }
  }
}
