/**
 * Stable error kinds shared by host and clients. Each kind has a fixed JSON-RPC
 * code so clients can branch on either; the message is a sentence a person can act on.
 */
export const ERROR_CODES = {
  // JSON-RPC 2.0 reserved codes.
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  // Skein codes live in the implementation-defined server range (-32000..-32099).
  NOT_FOUND: -32000,
  PATH_NOT_FOUND: -32001,
  NOT_A_GIT_REPO: -32002,
  BARE_REPO: -32003,
  NO_COMMITS: -32004,
  PROJECT_EXISTS: -32005,
  WORKTREE_DIRTY: -32006,
  UNMERGED_COMMITS: -32007,
  BRANCH_NOT_FOUND: -32008,
  GIT_FAILED: -32009,
  TERMINAL_EXITED: -32010,
  INVALID_STATE: -32011,
  UNAUTHORIZED: -32012,
  PROJECT_HAS_THREADS: -32013,
  GIT_MISSING: -32014,
  MERGE_CONFLICT: -32015,
  UNSUPPORTED: -32016,
  PATH_OUTSIDE_WORKTREE: -32017,
  /** The GitHub CLI (`gh`) failed; its message is in the error's sentence. */
  GH_FAILED: -32018,
  /** A thread's (or its project's) budget is reached: raise it before the agent works on. */
  BUDGET_REACHED: -32030,
  /** The data folder cannot take writes (read-only, no permission, or its disk is full); the sentence says which. */
  DATA_DIR_UNWRITABLE: -32040,
} as const;

export type ErrorKind = keyof typeof ERROR_CODES;

export interface SkeinErrorData {
  kind: ErrorKind;
  /** Extra machine-readable context (paths, file lists, git stderr). */
  details?: Record<string, unknown>;
}

/** An expected failure with a stable kind; thrown by services, turned into a JSON-RPC error by the router. */
export class SkeinError extends Error {
  readonly kind: ErrorKind;
  readonly details?: Record<string, unknown>;

  constructor(kind: ErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'SkeinError';
    this.kind = kind;
    this.details = details;
  }

  get code(): number {
    return ERROR_CODES[this.kind];
  }
}

export function isSkeinError(value: unknown): value is SkeinError {
  return value instanceof SkeinError;
}

const KIND_BY_CODE = new Map<number, ErrorKind>(
  (Object.entries(ERROR_CODES) as [ErrorKind, number][]).map(([kind, code]) => [code, kind]),
);

export function errorKindForCode(code: number): ErrorKind {
  return KIND_BY_CODE.get(code) ?? 'INTERNAL';
}
