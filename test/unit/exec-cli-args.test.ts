import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../../src-main/host/commands/cli-command';
import { execCommand } from '../../src-main/host/commands/exec-command';
import { runCli } from '../../src-main/host/commands/run-cli';

function recordingIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env: {} };
}

const positionalCommand: CliCommand = {
  name: 'words',
  summary: 'Echo positionals.',
  help: 'Usage: skein words [--loud] WORD...',
  options: { loud: { type: 'boolean' } },
  positionals: true,
  run: async (values, io, positionals) => {
    io.out(JSON.stringify({ values, positionals }));
    return EXIT_OK;
  },
};

describe('CLI positionals', () => {
  it('reach a command that declares them, with flags before or after, and - as a word', async () => {
    const io = recordingIo();
    expect(await runCli(['words', 'a', '--loud', '-', '--', '--b'], io, [positionalCommand])).toBe(EXIT_OK);
    expect(JSON.parse(io.stdout[0] ?? '')).toEqual({
      values: { loud: true },
      positionals: ['a', '-', '--b'],
    });
  });
});

describe('skein exec usage errors (exit 2, before any host starts)', () => {
  const cases: [string[], RegExp][] = [
    [[], /exec needs a PROMPT/],
    [['one', 'two'], /exec takes one PROMPT/],
    [['resume', 'thread-1'], /exec resume needs a thread id and a PROMPT/],
    [
      ['--approval-policy', 'sometimes', 'Hi'],
      /--approval-policy must be one of untrusted, on-request, never/,
    ],
    [['--sandbox', 'open', 'Hi'], /--sandbox must be one of read-only, workspace-write, danger-full-access/],
    [['--backend', 'gpt', 'Hi'], /--backend must be one of builtin, codex, claude/],
    [['resume', 't', 'Hi', '--repo', '.'], /--repo does not apply to exec resume/],
    [['resume', 't', 'Hi', '--backend', 'codex'], /--backend does not apply to exec resume/],
    [['   '], /The prompt is empty/],
  ];
  it.each(cases)('skein exec %j', async (args, message) => {
    const io = recordingIo();
    expect(await runCli(['exec', ...args], io, [execCommand])).toBe(EXIT_USAGE);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(io.stderr.join('\n')).toContain('Usage: skein exec');
    expect(io.stdout).toEqual([]);
  });
});
