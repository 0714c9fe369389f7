import { describe, expect, it } from 'vitest';
import { SkeinError, type CliAgentTemplateInput } from '../../src-shared/contract';
import {
  assertPromptDeliverable,
  buildAgentArgv,
  validateTemplate,
} from '../../src-main/core/cli-agents/template';

function messages(input: CliAgentTemplateInput): string[] {
  return validateTemplate(input).map((p) => p.message);
}

function refusal(run: () => void): SkeinError {
  try {
    run();
  } catch (error) {
    if (error instanceof SkeinError) return error;
    throw error;
  }
  throw new Error('expected a SkeinError');
}

describe('validateTemplate', () => {
  it('accepts each delivery with its placeholder as a whole argument', () => {
    expect(
      validateTemplate({ executable: 'claude', args: ['--', '{prompt}'], promptDelivery: 'argument' }),
    ).toEqual([]);
    expect(
      validateTemplate({
        executable: '/opt/bin/aider',
        args: ['--message-file', '{promptFile}'],
        promptDelivery: 'file',
      }),
    ).toEqual([]);
    expect(validateTemplate({ executable: 'aider', args: ['--no-pretty'], promptDelivery: 'stdin' })).toEqual(
      [],
    );
  });

  it('refuses a placeholder inside a larger argument', () => {
    const problems = validateTemplate({
      executable: 'tool',
      args: ['--message={prompt}'],
      promptDelivery: 'argument',
    });
    expect(problems).toContainEqual(expect.objectContaining({ field: 'args', argIndex: 0 }));
    expect(problems[0]?.message).toContain('whole argument');
  });

  it('needs exactly the placeholder of the delivery', () => {
    expect(messages({ executable: 'tool', args: [], promptDelivery: 'argument' })[0]).toContain(
      'exactly one "{prompt}"',
    );
    expect(
      messages({ executable: 'tool', args: ['{prompt}', '{prompt}'], promptDelivery: 'argument' })[0],
    ).toContain('exactly one');
    expect(messages({ executable: 'tool', args: ['{prompt}'], promptDelivery: 'file' })).toEqual([
      'Passing the prompt in a file needs exactly one "{promptFile}" argument.',
      '"{prompt}" is for argument delivery; use "{promptFile}" here.',
    ]);
    expect(messages({ executable: 'tool', args: ['{promptFile}'], promptDelivery: 'stdin' })[0]).toContain(
      'typed into the terminal',
    );
  });

  it('refuses a shell or an evaluating flag in front of the prompt', () => {
    expect(
      messages({ executable: '/bin/bash', args: ['-c', '{prompt}'], promptDelivery: 'argument' }).join(' '),
    ).toContain('bash would run the prompt as commands');
    expect(
      messages({ executable: 'python3', args: ['-c', '{prompt}'], promptDelivery: 'argument' })[0],
    ).toContain('"-c" before the prompt');
    expect(
      messages({ executable: 'node', args: ['-p', '{prompt}'], promptDelivery: 'argument' })[0],
    ).toContain('"-p" before the prompt');
    // -p is a print flag for agents, not code.
    expect(
      validateTemplate({ executable: 'claude', args: ['-p', '{prompt}'], promptDelivery: 'argument' }),
    ).toEqual([]);
  });

  it('wants a bare program name or an absolute path', () => {
    expect(
      messages({ executable: 'claude --yolo', args: ['{prompt}'], promptDelivery: 'argument' })[0],
    ).toContain('no spaces');
    expect(
      messages({ executable: 'bin/claude', args: ['{prompt}'], promptDelivery: 'argument' })[0],
    ).toContain('absolute path');
    expect(messages({ executable: 'cla\0ude', args: ['{prompt}'], promptDelivery: 'argument' })[0]).toContain(
      'NUL',
    );
  });
});

describe('assertPromptDeliverable', () => {
  const argument = { executable: 'x', args: ['{prompt}'], promptDelivery: 'argument' as const };
  const afterDashes = { executable: 'x', args: ['--', '{prompt}'], promptDelivery: 'argument' as const };
  const stdin = { executable: 'x', args: [], promptDelivery: 'stdin' as const };

  it('lets shell metacharacters and newlines through untouched', () => {
    for (const spec of [argument, stdin]) {
      expect(() =>
        assertPromptDeliverable(spec, '$(rm -rf ~) `id` "a" \'b\' ; | & > < * \n\t next'),
      ).not.toThrow();
    }
  });

  it('refuses a leading dash unless -- ends the options', () => {
    expect(refusal(() => assertPromptDeliverable(argument, '-rf')).message).toContain('starts with "-"');
    expect(() => assertPromptDeliverable(afterDashes, '-rf')).not.toThrow();
    expect(() => assertPromptDeliverable(stdin, '-rf')).not.toThrow();
  });

  it('refuses NUL everywhere and terminal controls when typed', () => {
    expect(refusal(() => assertPromptDeliverable(argument, 'a\0b')).kind).toBe('INVALID_PARAMS');
    expect(refusal(() => assertPromptDeliverable(stdin, 'a\u001b[201~b')).message).toContain(
      'control characters',
    );
    expect(refusal(() => assertPromptDeliverable(stdin, 'stop\u0003')).message).toContain(
      'control characters',
    );
    expect(() => assertPromptDeliverable(argument, 'a\u0003b')).not.toThrow();
  });
});

describe('buildAgentArgv', () => {
  it('replaces whole placeholder arguments only', () => {
    const prompt = 'say "hi" $(whoami)';
    expect(
      buildAgentArgv(
        '/usr/bin/claude',
        { executable: 'claude', args: ['--model', 'x', '--', '{prompt}'], promptDelivery: 'argument' },
        { prompt, promptFile: null },
      ),
    ).toEqual(['/usr/bin/claude', '--model', 'x', '--', prompt]);
    expect(
      buildAgentArgv(
        '/bin/aider',
        { executable: 'aider', args: ['--message-file', '{promptFile}'], promptDelivery: 'file' },
        { prompt, promptFile: '/tmp/p.txt' },
      ),
    ).toEqual(['/bin/aider', '--message-file', '/tmp/p.txt']);
  });
});
