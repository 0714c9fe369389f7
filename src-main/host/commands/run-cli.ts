import { parseArgs } from 'node:util';
import { isSkeinError } from '../../../src-shared/contract';
import { SKEIN_VERSION } from '../version';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cli-command';
import { execCommand } from './exec-command';
import { hostCommand } from './host-command';
import { mcpCommand } from './mcp-command';
import { serveCommand } from './serve-command';

/** Every command `skein` knows. */
export const COMMANDS: readonly CliCommand[] = [hostCommand, serveCommand, mcpCommand, execCommand];

export function generalHelp(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Skein ${SKEIN_VERSION}: run many coding-agent threads at once, each in its own git worktree.`,
    '',
    'Usage: skein <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `skein <command> --help` for its options. `skein --version` prints the version.',
  ].join('\n');
}

/** Node's parseArgs messages carry advice about `--` that does not apply here; keep the first sentence. */
function describeParseError(error: Error): string {
  return error.message.split(/(?<=\.)\s/, 1)[0] ?? error.message;
}

function isParseArgsError(error: unknown): error is Error {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Parses argv (without node and script) and runs the command; resolves to the process exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(generalHelp(commands));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(SKEIN_VERSION);
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`skein: unknown command "${name}".\n\n${generalHelp(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: command.options,
      strict: true,
      allowPositionals: command.positionals === true,
    });
    return await command.run(values, io, positionals);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(
        `skein ${command.name}: ${error instanceof UsageError ? error.message : describeParseError(error)}\n\n${command.help}`,
      );
      return EXIT_USAGE;
    }
    // An expected failure already is a sentence for a person; only surprises get a stack.
    if (isSkeinError(error)) {
      io.err(`skein ${command.name}: ${error.message}`);
      return EXIT_FAILURE;
    }
    io.err(
      `skein ${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_FAILURE;
  }
}
