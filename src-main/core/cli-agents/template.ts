import {
  SkeinError,
  type CliAgentPromptDelivery,
  type CliAgentTemplateInput,
  type CliAgentTemplateProblem,
} from '../../../src-shared/contract';

/** Replaced, as a whole argument, by the prompt (`argument` delivery). */
export const PROMPT_PLACEHOLDER = '{prompt}';
/** Replaced, as a whole argument, by the prompt file's path (`file` delivery). */
export const PROMPT_FILE_PLACEHOLDER = '{promptFile}';

/**
 * Programs that would run an argument as code. A template that hands them the prompt (`sh -c
 * {prompt}`, `node -e {prompt}`) would execute what the user typed, so it is refused.
 */
const SHELL_NAMES = new Set([
  'sh',
  'bash',
  'zsh',
  'fish',
  'dash',
  'ksh',
  'mksh',
  'csh',
  'tcsh',
  'nu',
  'pwsh',
  'powershell',
  'cmd',
  'cmd.exe',
]);
const CODE_FLAGS = new Set(['-c', '-e', '--eval', '--command', '-Command', '/c', '/C']);
/** Interpreters that also evaluate the argument after these (`node -p`, `php -r`). */
const INTERPRETERS = new Set(['node', 'nodejs', 'bun', 'deno', 'perl', 'ruby', 'php', 'python', 'python3']);
const INTERPRETER_CODE_FLAGS = new Set(['-p', '--print', '-r']);

/** What a launch needs, presets and custom templates alike: args keep their placeholders. */
export interface LaunchSpec {
  executable: string;
  args: readonly string[];
  promptDelivery: CliAgentPromptDelivery;
}

function problem(
  field: CliAgentTemplateProblem['field'],
  message: string,
  argIndex: number | null = null,
): CliAgentTemplateProblem {
  return { field, argIndex, message };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Problems of a user's template; none means it can be saved and started. */
export function validateTemplate(input: CliAgentTemplateInput): CliAgentTemplateProblem[] {
  const problems: CliAgentTemplateProblem[] = [];
  const executable = input.executable.trim();
  if (executable === '') problems.push(problem('executable', 'Name the program to run, e.g. "claude".'));
  else if (executable.includes('\0'))
    problems.push(problem('executable', 'The program name contains a NUL character.'));
  else if (/\s/.test(executable))
    problems.push(
      problem(
        'executable',
        'Give only the program in this field (no spaces); put each argument in its own field.',
      ),
    );
  else if (executable.includes('/') && !executable.startsWith('/'))
    problems.push(
      problem('executable', 'Use a program name found on PATH or an absolute path (starting with "/").'),
    );

  const prompts: number[] = [];
  const files: number[] = [];
  input.args.forEach((arg, index) => {
    if (arg.includes('\0')) problems.push(problem('args', 'This argument contains a NUL character.', index));
    if (arg === PROMPT_PLACEHOLDER) prompts.push(index);
    else if (arg === PROMPT_FILE_PLACEHOLDER) files.push(index);
    else if (arg.includes(PROMPT_PLACEHOLDER) || arg.includes(PROMPT_FILE_PLACEHOLDER))
      problems.push(
        problem(
          'args',
          `Placeholders must be a whole argument: put ${arg.includes(PROMPT_FILE_PLACEHOLDER) ? PROMPT_FILE_PLACEHOLDER : PROMPT_PLACEHOLDER} alone in its own field (e.g. "--message" then "${PROMPT_PLACEHOLDER}").`,
          index,
        ),
      );
  });

  switch (input.promptDelivery) {
    case 'argument':
      if (prompts.length !== 1)
        problems.push(
          problem(
            'args',
            `Passing the prompt as an argument needs exactly one "${PROMPT_PLACEHOLDER}" argument.`,
          ),
        );
      if (files.length > 0)
        problems.push(
          problem(
            'args',
            `"${PROMPT_FILE_PLACEHOLDER}" is for file delivery; use "${PROMPT_PLACEHOLDER}" here.`,
            files[0],
          ),
        );
      break;
    case 'file':
      if (files.length !== 1)
        problems.push(
          problem(
            'args',
            `Passing the prompt in a file needs exactly one "${PROMPT_FILE_PLACEHOLDER}" argument.`,
          ),
        );
      if (prompts.length > 0)
        problems.push(
          problem(
            'args',
            `"${PROMPT_PLACEHOLDER}" is for argument delivery; use "${PROMPT_FILE_PLACEHOLDER}" here.`,
            prompts[0],
          ),
        );
      break;
    case 'stdin':
      for (const index of [...prompts, ...files])
        problems.push(
          problem('args', 'The prompt is typed into the terminal; remove this placeholder.', index),
        );
      break;
  }

  const carriesPrompt = [...prompts, ...files];
  if (carriesPrompt.length > 0 && SHELL_NAMES.has(baseName(executable)))
    problems.push(
      problem(
        'executable',
        `${baseName(executable)} would run the prompt as commands; name the agent's own program instead of a shell.`,
      ),
    );
  for (const index of carriesPrompt) {
    const before = input.args[index - 1];
    const evaluates =
      before !== undefined &&
      (CODE_FLAGS.has(before) ||
        (INTERPRETERS.has(baseName(executable)) && INTERPRETER_CODE_FLAGS.has(before)));
    if (evaluates)
      problems.push(
        problem(
          'args',
          `"${before}" before the prompt would make the program run it as code; remove it.`,
          index,
        ),
      );
  }
  return problems;
}

/** Refuses a template with problems, naming the first. */
export function assertValidTemplate(input: CliAgentTemplateInput): void {
  const [first] = validateTemplate(input);
  if (first)
    throw new SkeinError('INVALID_PARAMS', first.message, { field: first.field, argIndex: first.argIndex });
}

/** Characters a terminal's line discipline or a TUI would act on (Ctrl-C, Ctrl-D, Escape, …). */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Refuses a prompt that cannot reach the agent verbatim: a NUL anywhere (argv and C strings end at
 * it); typed into the terminal, control characters (Ctrl-C would interrupt it, Escape would end the
 * paste); as an option's value or a bare positional argument, a leading "-" (read as an option).
 */
export function assertPromptDeliverable(spec: LaunchSpec, prompt: string): void {
  if (prompt.includes('\0'))
    throw new SkeinError(
      'INVALID_PARAMS',
      'The prompt contains a NUL character, which cannot be passed to a program.',
    );
  if (spec.promptDelivery === 'stdin' && TERMINAL_CONTROL.test(prompt))
    throw new SkeinError(
      'INVALID_PARAMS',
      'The prompt contains control characters (such as Escape or Ctrl-C) that would act on the terminal; remove them.',
    );
  if (spec.promptDelivery === 'argument' && prompt.startsWith('-')) {
    const index = spec.args.indexOf(PROMPT_PLACEHOLDER);
    if (spec.args[index - 1] !== '--')
      throw new SkeinError(
        'INVALID_PARAMS',
        'The prompt starts with "-", which this agent would read as an option; start it with another character.',
      );
  }
}

/** The argv to exec: placeholders replaced by the prompt or the prompt file's path, nothing else touched. */
export function buildAgentArgv(
  executablePath: string,
  spec: LaunchSpec,
  values: { prompt: string | null; promptFile: string | null },
): string[] {
  const args = spec.args.map((arg) => {
    if (arg === PROMPT_PLACEHOLDER) return values.prompt ?? '';
    if (arg === PROMPT_FILE_PLACEHOLDER) return values.promptFile ?? '';
    return arg;
  });
  return [executablePath, ...args];
}
