import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { cliAgentPresetIdSchema } from '../../src-shared/contract';
import { CLI_AGENT_PRESETS } from '../../src-main/core/cli-agents';
import {
  appendEventCommand,
  claudeHookSettings,
  codexNotifyOverride,
  hookArgs,
} from '../../src-main/core/cli-agents/hooks';
import { validateTemplate } from '../../src-main/core/cli-agents/template';

describe('CLI agent presets', () => {
  it('covers every preset id once', () => {
    expect(CLI_AGENT_PRESETS.map((p) => p.id).sort()).toEqual([...cliAgentPresetIdSchema.options].sort());
  });

  it('are valid templates (with and without their prompt arguments)', () => {
    for (const preset of CLI_AGENT_PRESETS) {
      const args = [...preset.args, ...preset.promptArgs];
      expect(
        validateTemplate({ executable: preset.executable, args, promptDelivery: preset.promptDelivery }),
        preset.id,
      ).toEqual([]);
    }
  });
});

describe('status hooks', () => {
  it('appends the event to the file named by the environment, with no data spliced in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skein-cli-hooks-'));
    try {
      const file = join(dir, "events with 'quotes' $(x).log");
      execFileSync('/bin/sh', ['-c', appendEventCommand('Stop')], { env: { SKEIN_CLI_AGENT_EVENTS: file } });
      execFileSync('/bin/sh', ['-c', appendEventCommand('UserPromptSubmit')], {
        env: { SKEIN_CLI_AGENT_EVENTS: file },
      });
      expect(readFileSync(file, 'utf8')).toBe('Stop\nUserPromptSubmit\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => appendEventCommand('Stop; rm -rf /')).toThrow();
  });

  it('gives Claude Code a settings file with the three hooks', () => {
    const settings = claudeHookSettings();
    expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'Stop', 'UserPromptSubmit']);
    const dir = mkdtempSync(join(tmpdir(), 'skein-cli-hooks-'));
    try {
      const args = hookArgs('claude', dir);
      expect(args).toEqual(['--settings', join(dir, 'claude-settings.json')]);
      expect(JSON.parse(readFileSync(args[1]!, 'utf8'))).toEqual(settings);
      expect(hookArgs('gemini', dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives Codex a notify override that parses as a TOML array', () => {
    const override = codexNotifyOverride();
    const parsed = parse(override) as { notify: string[] };
    expect(parsed.notify).toEqual([
      '/bin/sh',
      '-c',
      appendEventCommand('agent-turn-complete'),
      'skein-notify',
    ]);
  });
});
