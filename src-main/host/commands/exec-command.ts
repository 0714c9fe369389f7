import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { approvalPolicySchema, sandboxModeSchema, threadBackendSchema } from '../../../src-shared/contract';
import { dataDirForProcess } from '../data-dir';
import {
  EXIT_FAILURE,
  EXIT_OK,
  stringFlag,
  UsageError,
  type CliCommand,
  type CliValues,
} from './cli-command';
import { progressLine, type ExecEvent } from './exec-events';
import { runExec, type ExecRequest, type ExecResult } from './exec-run';
import { linkToHost, type HostLink } from './host-link';
import { listenForShutdown } from './shutdown-signal';

/** An approval was needed and the policy in force could not ask (docs/cli-exec.md). */
export const EXIT_APPROVAL_NEEDED = 3;
/** 128 + the signal's number: the shell's convention for a process a signal stopped. */
const SIGNAL_EXIT_CODES: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

interface ExecPlan {
  request: ExecRequest;
  json: boolean;
  outputFile: string | null;
  dataDir: string;
}

function enumFlag<T extends string>(values: CliValues, name: string, allowed: readonly T[]): T | undefined {
  const value = stringFlag(values, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; not "${value}".`);
  }
  return value as T;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function promptFrom(argument: string): Promise<string> {
  const prompt = argument === '-' ? await readStdin() : argument;
  if (prompt.trim() === '') {
    throw new UsageError(argument === '-' ? 'The prompt read from stdin is empty.' : 'The prompt is empty.');
  }
  return prompt;
}

async function planFrom(values: CliValues, positionals: readonly string[]): Promise<ExecPlan> {
  const resume = positionals[0] === 'resume';
  const rest = resume ? positionals.slice(1) : positionals;
  const expected = resume ? 2 : 1;
  if (rest.length !== expected) {
    throw new UsageError(
      resume
        ? 'exec resume needs a thread id and a PROMPT: skein exec resume <threadId> PROMPT.'
        : rest.length === 0
          ? 'exec needs a PROMPT (or - to read it from stdin).'
          : `exec takes one PROMPT; quote it when it has spaces (got ${rest.length} words).`,
    );
  }
  const repo = stringFlag(values, 'repo');
  const backend = enumFlag(values, 'backend', threadBackendSchema.options);
  if (resume && repo !== undefined)
    throw new UsageError('--repo does not apply to exec resume: the thread has its repository.');
  if (resume && backend !== undefined) {
    throw new UsageError(
      '--backend does not apply to exec resume: the thread keeps its agent (switch it in the app).',
    );
  }
  const approvalPolicy = enumFlag(values, 'approval-policy', approvalPolicySchema.options);
  const sandbox = enumFlag(values, 'sandbox', sandboxModeSchema.options);
  const request: ExecRequest = {
    prompt: await promptFrom(rest[expected - 1] ?? ''),
    repo: resume ? undefined : resolve(repo ?? process.cwd()),
    resumeThreadId: resume ? rest[0] : undefined,
    backend,
    model: stringFlag(values, 'model'),
    approvalPolicy,
    sandbox,
  };
  const outputFile = stringFlag(values, 'output-last-message');
  return {
    request,
    json: values.json === true,
    outputFile: outputFile === undefined ? null : resolve(outputFile),
    dataDir: dataDirForProcess(stringFlag(values, 'data')),
  };
}

/** stdout carries only the events or the final message: a dependency's console.log goes to stderr. */
function keepStdoutClean(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

function exitCodeOf(result: ExecResult): number {
  if (result.stoppedBy !== null) return SIGNAL_EXIT_CODES[result.stoppedBy] ?? EXIT_FAILURE;
  if (result.approvalNeeded) return EXIT_APPROVAL_NEEDED;
  return result.turn.status === 'completed' ? EXIT_OK : EXIT_FAILURE;
}

export const execCommand: CliCommand = {
  name: 'exec',
  summary: 'Run one agent turn headless (CI, scripts) and print its final message.',
  help: [
    'Usage: skein exec [options] PROMPT',
    '       skein exec resume <threadId> [options] PROMPT',
    '',
    'Starts a thread (its own worktree and branch) in the repository, runs one agent turn to its end',
    'and prints the final message on stdout (progress on stderr). PROMPT - reads the prompt from stdin.',
    '`exec resume` runs a new turn in an existing thread. Threads made here show in the desktop app.',
    '',
    'Options:',
    '  --repo DIR                  The git repository (default: the current folder).',
    '  --data DIR                  Data folder (default: $SKEIN_DATA_DIR, else the platform app-data folder).',
    '                              When the desktop app or `skein serve` runs on it, exec runs there.',
    '  --json                      Print one JSON event per line on stdout instead (docs/cli-exec.md).',
    `  --backend B                 The agent: ${threadBackendSchema.options.join(', ')}.`,
    '  --model M                   The model, for this thread.',
    `  --approval-policy P         ${approvalPolicySchema.options.join(', ')} (a stricter user/project setting wins).`,
    `  --sandbox S                 ${sandboxModeSchema.options.join(', ')}.`,
    '  --output-last-message FILE  Also write the final message to FILE.',
    '',
    'exec cannot answer approvals: a turn that asks for one is aborted.',
    `Exit status: 0 the turn completed; 1 it failed or was interrupted; 2 usage error;`,
    `${EXIT_APPROVAL_NEEDED} it needed an approval; 130/143 stopped by SIGINT/SIGTERM.`,
  ].join('\n'),
  options: {
    repo: { type: 'string' },
    data: { type: 'string' },
    json: { type: 'boolean' },
    backend: { type: 'string' },
    model: { type: 'string' },
    'approval-policy': { type: 'string' },
    sandbox: { type: 'string' },
    'output-last-message': { type: 'string' },
  },
  positionals: true,

  async run(values, io, positionals) {
    const plan = await planFrom(values, positionals);
    keepStdoutClean();
    const emit = (event: ExecEvent) => {
      if (plan.json) return io.out(JSON.stringify(event));
      const line = progressLine(event);
      if (line !== null) io.err(line);
    };
    const fail = (message: string) => {
      if (plan.json) io.out(JSON.stringify({ type: 'error', message } satisfies ExecEvent));
      else io.err(`skein exec: ${message}`);
      return EXIT_FAILURE;
    };
    const shutdown = listenForShutdown();
    let stoppedBy: string | null = null;
    void shutdown.received.then((signal) => (stoppedBy = signal));
    let link: HostLink;
    try {
      link = await linkToHost(plan.dataDir, 'skein exec');
    } catch (error) {
      shutdown.dispose();
      return fail(error instanceof Error ? error.message : String(error));
    }
    try {
      const result = await runExec(
        link.rpc,
        plan.request,
        { event: emit, progress: (line) => (plan.json ? undefined : io.err(line)) },
        shutdown.received,
      );
      if (plan.outputFile !== null) writeFileSync(plan.outputFile, result.finalMessage ?? '');
      if (!plan.json && result.finalMessage !== null) io.out(result.finalMessage);
      return exitCodeOf(result);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = fail(error instanceof Error ? error.message : String(error));
      return stoppedBy === null ? code : (SIGNAL_EXIT_CODES[stoppedBy] ?? code);
    } finally {
      shutdown.dispose();
      await link.dispose();
    }
  },
};
