import type { ParseArgsConfig } from 'node:util';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** One line to stdout. Never used by commands whose stdout is a protocol pipe. */
  out: (line: string) => void;
  /** One line to stderr. */
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage and per-flag help, printed by `skein <command> --help` and after a usage error. */
  help: string;
  options: CliOptions;
  /** Whether the command takes positional arguments (they reach `run`); the others refuse them. */
  positionals?: boolean;
  /** Resolves to the exit code once the command is done (for servers: after a shutdown signal). */
  run(values: CliValues, io: CliIo, positionals: readonly string[]): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function stringFlag(values: CliValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port), not "${text}".`,
    );
  }
  return port;
}
