/**
 * The host's logger. Writes to stderr only: in `host --stdio` mode stdout carries the protocol,
 * so a stray console.log there would corrupt the stream.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const configured = process.env.SKEIN_LOG_LEVEL as Level | undefined;
  return LEVELS[configured ?? 'info'] ?? LEVELS.info;
}

function write(level: Level, scope: string, message: string, context?: unknown): void {
  if (LEVELS[level] < threshold()) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}`;
  const extra =
    context === undefined
      ? ''
      : ` ${context instanceof Error ? (context.stack ?? context.message) : JSON.stringify(context)}`;
  process.stderr.write(`${line}${extra}\n`);
}

export interface Logger {
  debug(message: string, context?: unknown): void;
  info(message: string, context?: unknown): void;
  warn(message: string, context?: unknown): void;
  error(message: string, context?: unknown): void;
}

export function createLogger(scope: string): Logger {
  return {
    debug: (m, c) => write('debug', scope, m, c),
    info: (m, c) => write('info', scope, m, c),
    warn: (m, c) => write('warn', scope, m, c),
    error: (m, c) => write('error', scope, m, c),
  };
}
