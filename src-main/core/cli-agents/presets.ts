import type { CliAgentPreset, CliAgentPresetId } from '../../../src-shared/contract';

/**
 * The common CLI agents. Each starts in its interactive mode (the user keeps talking to it in the
 * terminal), with the first prompt passed the safest way its CLI documents. `--` ends option parsing
 * where the CLI's parser is known to honour it, so a prompt starting with "-" stays a prompt; where
 * the prompt is an option's value, a prompt starting with "-" is refused (see template.ts).
 * Sources: each tool's `--help` / docs as of late 2026 (noted per preset where unsure).
 */
export const CLI_AGENT_PRESETS: readonly CliAgentPreset[] = [
  {
    id: 'claude',
    name: 'Claude Code',
    executable: 'claude',
    args: [],
    // `claude [options] [prompt]` starts the interactive session with a first prompt (docs: CLI reference).
    promptArgs: ['--', '{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    // UserPromptSubmit / Stop / Notification hooks from a settings file given with `--settings` (hooks.ts).
    statusSource: 'hooks',
    note: null,
  },
  {
    id: 'codex',
    name: 'Codex',
    executable: 'codex',
    args: [],
    // `codex [OPTIONS] [PROMPT]` (clap; `--` ends options).
    promptArgs: ['--', '{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    // Codex runs its `notify` program after each turn (agent-turn-complete); set with `-c notify=[…]`.
    statusSource: 'notify',
    note: 'Codex reports the end of its turns; that it is working again is read from the terminal.',
  },
  {
    id: 'gemini',
    name: 'Gemini CLI',
    executable: 'gemini',
    args: [],
    // `-i, --prompt-interactive`: "Execute the provided prompt and continue in interactive mode" (gemini --help).
    promptArgs: ['--prompt-interactive', '{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: null,
  },
  {
    id: 'aider',
    name: 'Aider',
    executable: 'aider',
    args: [],
    // `--message` / `--message-file` process one message and exit; typing into its prompt keeps it interactive.
    promptArgs: [],
    promptDelivery: 'stdin',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: 'The prompt is typed into Aider once it shows its prompt.',
  },
  {
    id: 'opencode',
    name: 'OpenCode',
    executable: 'opencode',
    args: [],
    // `opencode --prompt <text>`: some 1.x releases only pre-fill the input box (sst/opencode#4700).
    promptArgs: ['--prompt', '{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: 'Some OpenCode versions only pre-fill the prompt; press Enter in the terminal if it waits.',
  },
  {
    id: 'qwen',
    name: 'Qwen Code',
    executable: 'qwen',
    args: [],
    // A fork of Gemini CLI: `--prompt-interactive` as there (Qwen Code docs).
    promptArgs: ['--prompt-interactive', '{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: null,
  },
  {
    id: 'amp',
    name: 'Amp',
    executable: 'amp',
    args: [],
    // `amp -x` is execute mode (one turn, then exit); no documented flag seeds the interactive TUI, so
    // the prompt is typed into it (unsure whether later versions add one).
    promptArgs: [],
    promptDelivery: 'stdin',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: 'The prompt is typed into Amp once it shows its screen.',
  },
  {
    id: 'cursor-agent',
    name: 'Cursor Agent',
    executable: 'cursor-agent',
    args: [],
    // `cursor-agent [prompt]` starts interactively with a first prompt (cursor.com/docs/cli). Whether its
    // parser honours `--` is undocumented, so the prompt is a bare positional argument.
    promptArgs: ['{prompt}'],
    promptDelivery: 'argument',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: null,
  },
  {
    id: 'goose',
    name: 'goose',
    executable: 'goose',
    // `goose session` is the interactive chat; `goose run --text` is one-shot (its interactive flag varies
    // between releases), so the prompt is typed into the session.
    args: ['session'],
    promptArgs: [],
    promptDelivery: 'stdin',
    versionArgs: ['--version'],
    statusSource: 'activity',
    note: 'The prompt is typed into the goose session once it shows its prompt.',
  },
];

export function presetById(id: CliAgentPresetId): CliAgentPreset {
  const preset = CLI_AGENT_PRESETS.find((candidate) => candidate.id === id);
  // The contract's enum and this table list the same ids; a miss is a programming error.
  if (!preset) throw new Error(`No CLI agent preset ${id}`);
  return preset;
}
