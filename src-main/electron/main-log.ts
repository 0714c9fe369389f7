import { inspect } from 'node:util';

/**
 * Electron main's logger: stderr lines in the host's format, so `npm start` output reads as one log.
 * (core/log is off limits here: main never imports core.)
 */
export interface MainLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

function write(level: string, scope: string, message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${level} [main:${scope}] ${message}\n`);
}

export function createMainLogger(scope: string): MainLogger {
  return {
    info: (message) => write('INFO', scope, message),
    warn: (message) => write('WARN', scope, message),
    error: (message, error) =>
      write(
        'ERROR',
        scope,
        error === undefined
          ? message
          : `${message} ${error instanceof Error ? (error.stack ?? error.message) : inspect(error)}`,
      ),
  };
}
