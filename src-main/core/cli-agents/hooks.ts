import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliAgentPresetId } from '../../../src-shared/contract';
import { tomlString } from '../agents/backends';

/**
 * The agent's process gets the events file's path in this variable; hook commands append one line
 * (an event name) to it. The commands are fixed strings: no prompt or path is ever spliced into them.
 */
export const EVENTS_FILE_VARIABLE = 'SKEIN_CLI_AGENT_EVENTS';
export const AGENT_ID_VARIABLE = 'SKEIN_CLI_AGENT_ID';

/** A shell command (the agents run hooks through `sh -c`) that appends `event` to the events file. */
export function appendEventCommand(event: string): string {
  if (!/^[A-Za-z-]+$/.test(event)) throw new Error(`Hook event names are plain words, not ${event}`);
  return `printf '%s\\n' ${event} >> "$${EVENTS_FILE_VARIABLE}"`;
}

/** Claude Code hook events Skein listens to (docs: "Hooks reference"). */
const CLAUDE_HOOK_EVENTS = ['UserPromptSubmit', 'Stop', 'Notification'] as const;

/** Claude Code's settings with one command hook per event; merged with the user's own by `--settings`. */
export function claudeHookSettings(): { hooks: Record<string, unknown[]> } {
  const hooks: Record<string, unknown[]> = {};
  for (const event of CLAUDE_HOOK_EVENTS) {
    hooks[event] = [{ matcher: '', hooks: [{ type: 'command', command: appendEventCommand(event) }] }];
  }
  return { hooks };
}

/**
 * Codex runs `notify` as an argv with a JSON description of the event appended (only
 * `agent-turn-complete` today); `sh -c` ignores the extra argument after `$0`.
 */
export function codexNotifyOverride(): string {
  const argv = ['/bin/sh', '-c', appendEventCommand('agent-turn-complete'), 'skein-notify'];
  return `notify=[${argv.map(tomlString).join(', ')}]`;
}

/**
 * Arguments a preset needs for its status hooks; writes the files they name into `agentDir`.
 * They go before the prompt arguments (options must precede `--`).
 */
export function hookArgs(presetId: CliAgentPresetId, agentDir: string): string[] {
  switch (presetId) {
    case 'claude': {
      const file = join(agentDir, 'claude-settings.json');
      writeFileSync(file, JSON.stringify(claudeHookSettings(), null, 2), { mode: 0o600 });
      return ['--settings', file];
    }
    case 'codex':
      return ['-c', codexNotifyOverride()];
    // No hook or notify mechanism Skein can use: status comes from terminal activity.
    case 'gemini':
    case 'aider':
    case 'opencode':
    case 'qwen':
    case 'amp':
    case 'cursor-agent':
    case 'goose':
      return [];
  }
}
