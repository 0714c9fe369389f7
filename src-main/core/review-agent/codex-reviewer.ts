import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REVIEW_OUTPUT_SCHEMA } from './review-output-schema';
import { REVIEWER_INSTRUCTIONS } from './reviewer-prompt';

/** Enough of Codex's stderr to say why it failed, without its whole log. */
const STDERR_TAIL_CHARS = 2_000;

export interface CodexReviewInput {
  binaryPath: string;
  /** CODEX_HOME; the user's own when null. */
  codexHome: string | null;
  env: NodeJS.ProcessEnv;
  worktreePath: string;
  /** Codex's configured model when null. */
  model: string | null;
  prompt: string;
  signal: AbortSignal;
}

/**
 * One `codex exec` run as the reviewer: read-only sandbox in the worktree (it may read files around
 * the diff), no session kept, the review schema as `--output-schema`, and its last message (the
 * JSON answer) read from `--output-last-message`.
 */
export async function askCodexReviewer(input: CodexReviewInput): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'skein-codex-review-'));
  try {
    const schemaFile = join(scratch, 'review-schema.json');
    const answerFile = join(scratch, 'answer.txt');
    writeFileSync(schemaFile, JSON.stringify(REVIEW_OUTPUT_SCHEMA.schema));
    const args = [
      'exec',
      '--ephemeral',
      '--skip-git-repo-check',
      '--color',
      'never',
      '--sandbox',
      'read-only',
      '--cd',
      input.worktreePath,
      '--output-schema',
      schemaFile,
      '--output-last-message',
      answerFile,
      ...(input.model ? ['--model', input.model] : []),
      '-',
    ];
    const env = { ...input.env, ...(input.codexHome ? { CODEX_HOME: input.codexHome } : {}) };
    await runCodex(input.binaryPath, args, env, `${REVIEWER_INSTRUCTIONS}\n\n${input.prompt}`, input.signal);
    try {
      return readFileSync(answerFile, 'utf8');
    } catch {
      return '';
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runCodex(
  binaryPath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin: string,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binaryPath, args, { env, stdio: ['pipe', 'ignore', 'pipe'], signal });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (error) => reject(error));
    child.on('close', (code, exitSignal) => {
      if (code === 0) resolve();
      else {
        const why = exitSignal ? `was stopped (${exitSignal})` : `exited with status ${code}`;
        reject(new Error(`Codex ${why}: ${stderr.trim().split('\n').slice(-5).join(' ')}`));
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}
