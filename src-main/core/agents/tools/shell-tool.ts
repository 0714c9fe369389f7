import { tool } from '@openai/agents';
import { z } from 'zod';
import { decideCommand } from '../../approvals';
import { isSandboxUnavailable, runSandboxed, wrapCommand } from '../../sandbox';
import type { ToolEnvironment } from './tool-environment';
import { errorText, truncateMiddle } from './truncate-output';

/** Long enough for a test suite or a build; the model can ask for more, up to the maximum. */
const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 1_800_000;
/** Output kept in the transcript per stream (the model sees less, see truncateMiddle). */
const MAX_STORED_OUTPUT_BYTES = 256 * 1024;

const parameters = z.object({
  command: z.string().min(1).describe('The shell command line, run by bash in the worktree root.'),
  timeout_ms: z
    .number()
    .int()
    .min(1_000)
    .max(MAX_TIMEOUT_MS)
    .optional()
    .describe('Time limit; 120000 when omitted.'),
  escalate: z
    .boolean()
    .optional()
    .describe(
      'Ask the user to run this outside the sandbox (network, writes outside the worktree). Say why in justification.',
    ),
  justification: z
    .string()
    .max(2_000)
    .optional()
    .describe('Why you run this command; shown to the user when approval is needed.'),
});

/** How a capped output marks its dropped middle (HeadTailBuffer in core/sandbox/output-buffer.ts). */
const OMITTED_MIDDLE = /\n\[… \d+ bytes omitted …\]\n/;

/** A pipe's kept output, scrubbed; a value the dropped middle cut in two is scrubbed on both sides. */
function scrubStored(scrub: ToolEnvironment['scrub'], text: string): string {
  const cut = OMITTED_MIDDLE.exec(text);
  if (!cut) return scrub.text(text);
  const head = text.slice(0, cut.index);
  const tail = text.slice(cut.index + cut[0].length);
  return `${scrub.text(head, { end: true })}${cut[0]}${scrub.text(tail, { start: true })}`;
}

function resultText(exitCode: number | null, seconds: string, output: string, notes: string[]): string {
  const head = [`Exit code: ${exitCode ?? 'none'}`, `Wall time: ${seconds} s`, ...notes];
  return `${head.join('\n')}\nOutput:\n${truncateMiddle(output)}`;
}

export function createShellTool(env: ToolEnvironment) {
  return tool({
    name: 'shell',
    description:
      'Runs a shell command in the thread worktree under the sandbox and returns its exit code and output ' +
      '(long output keeps its head and tail). Use it to build, test, inspect git state and run project scripts.',
    parameters,
    needsApproval: async (_context, input, callId) => {
      const verdict = decideCommand(input.command, input.escalate ?? false, env.safety(), env.commandRules());
      if (callId) env.verdicts.set(callId, verdict);
      return verdict.action === 'ask';
    },
    execute: async (input, _context, details) => {
      const callId = details?.toolCall?.callId ?? `shell-${Date.now()}`;
      const item = env.items.forCall(callId, 'shell', details?.toolCall?.arguments ?? JSON.stringify(input));
      const safety = env.safety();
      const verdict = decideCommand(input.command, input.escalate ?? false, safety, env.commandRules());
      if (verdict.action === 'refuse') {
        env.items.complete(item, { output: verdict.reason }, 'declined');
        return `The command was not run: ${verdict.reason}`;
      }
      // 'ask' here means a person approved it: the SDK runs a call that needs approval only after a yes.
      try {
        await env.beforeSnapshot;
        const wrapped = await wrapCommand({
          command: input.command,
          cwd: env.worktree,
          mode: verdict.mode,
          network: safety.networkAccess,
          hiddenPaths: env.hiddenPaths,
          env: env.commandEnv,
        });
        if (isSandboxUnavailable(wrapped)) {
          const reason = `No sandbox is available (${wrapped.unavailable}); the command needs the user's approval to run unconfined.`;
          env.items.complete(item, { output: reason }, 'declined');
          return `The command was not run: ${reason}`;
        }
        env.items.update(item, { sandbox: wrapped.sandbox });
        // One scrubber per pipe: a value split across two stdout chunks may have stderr between them.
        const live = { stdout: env.scrub.stream(), stderr: env.scrub.stream() };
        const result = await runSandboxed(wrapped, {
          cwd: env.worktree,
          timeoutMs: input.timeout_ms ?? DEFAULT_TIMEOUT_MS,
          maxOutputBytes: MAX_STORED_OUTPUT_BYTES,
          signal: details?.signal,
          onOutput: (chunk, stream) => env.items.output(item, live[stream].push(chunk.toString('utf8'))),
        });
        env.items.output(item, live.stdout.end() + live.stderr.end());
        const stdout = scrubStored(env.scrub, result.stdout);
        const stderr = scrubStored(env.scrub, result.stderr);
        const output = [stdout, stderr ? `${stdout ? '\n' : ''}${stderr}` : ''].join('').trimEnd();
        const notes: string[] = [];
        if (result.timedOut)
          notes.push(
            `The command timed out after ${(input.timeout_ms ?? DEFAULT_TIMEOUT_MS) / 1000} s and was killed.`,
          );
        if (result.aborted) notes.push('The user interrupted the command.');
        if (result.signal) notes.push(`Killed by ${result.signal}.`);
        const failed = result.timedOut || result.aborted || result.exitCode !== 0;
        env.items.complete(
          item,
          { output, exitCode: result.exitCode, timedOut: result.timedOut, durationMs: result.durationMs },
          result.aborted ? 'interrupted' : failed ? 'failed' : 'completed',
        );
        return resultText(result.exitCode, (result.durationMs / 1000).toFixed(1), output, notes);
      } catch (error) {
        const message = errorText(error);
        env.items.complete(item, { output: message }, 'failed');
        return `The command could not be started: ${message}`;
      }
    },
  });
}
