import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { RpcError, SkeinError } from '../../../src-shared/contract';
import { createLogger } from '../../core/log';

const log = createLogger('mcp');

/** A successful call: the structured result, and the same as JSON text for clients that read only text. */
export function toolOk<T extends Record<string, unknown>>(structured: T): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  };
}

/** A failed call the caller can act on: a sentence, flagged isError (not a protocol error). */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Runs a tool body; a SkeinError (here, or the host's, arriving as an RpcError) becomes its sentence as an
 * isError result, anything else is logged
 * (stderr) and reported without internals the caller cannot use.
 */
export async function guarded(name: string, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof SkeinError || error instanceof RpcError) return toolError(error.message);
    log.error(`The tool ${name} failed`, error);
    return toolError(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
