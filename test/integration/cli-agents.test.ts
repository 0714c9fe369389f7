import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SkeinError, type CliAgentStatus } from '../../src-shared/contract';
import { createCliAgentService, type CliAgentService } from '../../src-main/core/cli-agents';
import { createTerminalService, type TerminalService } from '../../src-main/core/terminals';
import {
  FAKE_AGENT_VERSION,
  installFakeAgent,
  readFakeAgentRecord,
  writeFakeLoginShell,
  type FakeAgentBin,
} from '../support/cli-agent-fixtures';
import {
  RecordingPublisher,
  TEST_SHELL,
  createTerminalFixture,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';

/** Shorter than the product's timing so a test takes seconds; the rules are the same. */
const TEST_TIMING = { quietAfterOutputMs: 500, notifyRedrawGraceMs: 200, tickMs: 50, stdinSettleMs: 300 };
/** Every shell metacharacter we know of, quotes, a glob, newlines and a would-be command substitution. */
const HOSTILE_PROMPT =
  'fix it $(touch pwned-1) `touch pwned-2` "double" \'single\' ; touch pwned-3 && echo x | cat > pwned-4\n' +
  'second line $HOME ${PATH} * ? [a] ~ # <(touch pwned-5) & \\ end';

let fixture: TerminalFixture;
let publisher: RecordingPublisher;
let terminals: TerminalService;
let service: CliAgentService;
let bin: FakeAgentBin;

beforeEach(() => {
  fixture = createTerminalFixture();
  publisher = new RecordingPublisher();
  terminals = createTerminalService({ db: fixture.db, publisher, shell: TEST_SHELL });
  bin = installFakeAgent(fixture.dir, ['fake-agent', 'claude', 'codex']);
  service = createCliAgentService({
    db: fixture.db,
    publisher,
    terminals,
    dataDir: fixture.dir,
    loginPath: () => Promise.resolve(bin.searchPath),
    timing: TEST_TIMING,
  });
});

afterEach(async () => {
  await service.dispose();
  await terminals.dispose();
  fixture.cleanup();
});

function statuses(agentId: string): CliAgentStatus[] {
  return publisher
    .named('cliAgents/status')
    .filter((n) => n.agentId === agentId)
    .map((n) => n.status);
}

function waitForStatus(agentId: string, status: CliAgentStatus, after = 0): Promise<number> {
  return waitUntil(
    () => {
      const index = statuses(agentId).indexOf(status, after);
      return index >= 0 ? index : undefined;
    },
    15_000,
    () => `status ${status} after #${after}; statuses so far: ${statuses(agentId).join(', ')}`,
  );
}

function pwnedFiles(): string[] {
  return readdirSync(fixture.cwd).filter((name) => name.startsWith('pwned'));
}

async function caught(run: () => Promise<unknown>): Promise<SkeinError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SkeinError) return error;
    throw error;
  }
  throw new Error('expected a SkeinError');
}

describe('CLI agents in a terminal', () => {
  it('finds the presets on the login shell PATH with their version', async () => {
    const loginShell = writeFakeLoginShell(fixture.dir, bin.searchPath);
    const probing = createCliAgentService({
      db: fixture.db,
      publisher,
      terminals,
      dataDir: join(fixture.dir, 'probing'),
      env: { ...process.env, SHELL: loginShell, PATH: '/usr/bin:/bin' },
    });
    try {
      const saved = probing.saveTemplate({
        name: 'Fake',
        executable: 'fake-agent',
        args: ['--', '{prompt}'],
        promptDelivery: 'argument',
      });
      const { presets, templates } = await probing.presets();
      const claude = presets.find((p) => p.id === 'claude');
      expect(claude?.detection).toEqual({
        found: true,
        path: join(bin.binDir, 'claude'),
        version: FAKE_AGENT_VERSION,
        error: null,
      });
      const gemini = presets.find((p) => p.id === 'gemini');
      expect(gemini?.detection).toMatchObject({ found: false, path: null, version: null });
      expect(gemini?.detection.error).toContain("not on your login shell's PATH");
      expect(presets.map((p) => p.id)).toHaveLength(9);
      expect(templates.map((t) => [t.id, t.detection.found, t.detection.version])).toEqual([
        [saved.id, true, FAKE_AGENT_VERSION],
      ]);
    } finally {
      await probing.dispose();
    }
  });

  it('passes the prompt as one argument, follows working → waiting → working, and reports the exit code', async () => {
    const { terminal, agent } = await service.start({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      template: { executable: 'fake-agent', args: ['--', '{prompt}'], promptDelivery: 'argument' },
      prompt: HOSTILE_PROMPT,
    });
    expect(agent).toMatchObject({
      status: 'working',
      terminalId: terminal.id,
      executable: join(bin.binDir, 'fake-agent'),
    });
    const record = await waitUntil(() => readFakeAgentRecord(fixture.cwd));
    expect(record.prompt).toBe(HOSTILE_PROMPT);
    expect(record.argv).toEqual(['--', HOSTILE_PROMPT]);
    expect(record.agentId).toBe(agent.id);

    const waiting = await waitForStatus(agent.id, 'waiting_for_input');
    const notice = publisher.named('cliAgents/status').filter((n) => n.agentId === agent.id)[waiting];
    expect(notice).toMatchObject({
      threadId: fixture.threadId,
      terminalId: terminal.id,
      agent: { name: 'fake-agent' },
    });

    terminals.input(terminal.id, 'next step\r');
    const working = await waitForStatus(agent.id, 'working', waiting + 1);
    await waitForStatus(agent.id, 'waiting_for_input', working + 1);

    terminals.input(terminal.id, 'exit 3\r');
    await waitForStatus(agent.id, 'exited');
    expect(service.list(fixture.threadId)).toEqual([
      expect.objectContaining({ id: agent.id, status: 'exited', exitCode: 3 }),
    ]);
    expect(await terminals.waitForExit(terminal.id)).toBe(3);
    expect(pwnedFiles()).toEqual([]);
    // The agent's private folder goes with it.
    expect(existsSync(join(fixture.dir, 'cli-agents', agent.id))).toBe(false);
  });

  it('types a stdin prompt as a bracketed paste once the agent drew its screen', async () => {
    const { terminal, agent } = await service.start({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      template: { executable: 'fake-agent', args: ['--stdin'], promptDelivery: 'stdin' },
      prompt: HOSTILE_PROMPT,
    });
    const record = await waitUntil(() => readFakeAgentRecord(fixture.cwd));
    expect(record.prompt).toBe(HOSTILE_PROMPT);
    await waitForStatus(agent.id, 'waiting_for_input');
    terminals.input(terminal.id, 'exit 0\r');
    await waitForStatus(agent.id, 'exited');
    expect(service.list()[0]).toMatchObject({ exitCode: 0 });
    expect(pwnedFiles()).toEqual([]);
  });

  it('writes a file prompt to a private file whose path replaces {promptFile}', async () => {
    const { terminal, agent } = await service.start({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      template: { executable: 'fake-agent', args: ['--prompt-file', '{promptFile}'], promptDelivery: 'file' },
      prompt: HOSTILE_PROMPT,
    });
    const record = await waitUntil(() => readFakeAgentRecord(fixture.cwd));
    expect(record.prompt).toBe(HOSTILE_PROMPT);
    expect(record.argv[1]).toBe(join(fixture.dir, 'cli-agents', agent.id, 'prompt.txt'));
    service.stop(agent.id);
    await waitForStatus(agent.id, 'exited');
    expect(await terminals.waitForExit(terminal.id)).toBeNull();
    expect(pwnedFiles()).toEqual([]);
  });

  it('takes the status from Claude-style hooks given with --settings', async () => {
    const { terminal, agent } = await service.start({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      preset: 'claude',
      // After `--` a leading dash is part of the prompt, not an option.
      prompt: '--hello from skein',
    });
    expect(agent).toMatchObject({ presetId: 'claude', statusSource: 'hooks', name: 'Claude Code' });
    const record = await waitUntil(() => readFakeAgentRecord(fixture.cwd));
    expect(record.argv[0]).toBe('--settings');
    expect(record.argv.slice(-2)).toEqual(['--', '--hello from skein']);
    expect(record.hooks.sort()).toEqual(['Notification', 'Stop', 'UserPromptSubmit']);

    // The screen ends on "done." (activity alone would say idle): only the Stop hook says it waits.
    const waiting = await waitForStatus(agent.id, 'waiting_for_input');
    expect(statuses(agent.id)).not.toContain('idle');
    terminals.input(terminal.id, 'more\r');
    const working = await waitForStatus(agent.id, 'working', waiting + 1);
    await waitForStatus(agent.id, 'waiting_for_input', working + 1);
    terminals.input(terminal.id, 'exit 0\r');
    await waitForStatus(agent.id, 'exited');
  });

  it('takes the end of a turn from a Codex-style notify program', async () => {
    const { terminal, agent } = await service.start({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      preset: 'codex',
      prompt: 'hello codex',
    });
    expect(agent).toMatchObject({ presetId: 'codex', statusSource: 'notify' });
    const record = await waitUntil(() => readFakeAgentRecord(fixture.cwd));
    expect(record.argv.slice(-2)).toEqual(['--', 'hello codex']);
    expect(record.configs).toEqual([expect.stringMatching(/^notify=\[/)]);

    // "done." is not prompt-like: waiting comes from notify, and output after it means working again.
    const waiting = await waitForStatus(agent.id, 'waiting_for_input');
    expect(statuses(agent.id)).not.toContain('idle');
    // A person reads the answer first: the reply comes after the agent's final redraw.
    await new Promise((resolve) => setTimeout(resolve, 2 * TEST_TIMING.notifyRedrawGraceMs));
    terminals.input(terminal.id, 'again\r');
    await waitForStatus(agent.id, 'working', waiting + 1);
    service.stop(agent.id);
    await waitForStatus(agent.id, 'exited');
  });

  it('refuses what would not reach the agent safely, with a sentence', async () => {
    const base = { threadId: fixture.threadId, cwd: fixture.cwd };
    const shell = await caught(() =>
      service.start({
        ...base,
        template: { executable: 'sh', args: ['-c', '{prompt}'], promptDelivery: 'argument' },
        prompt: 'ls',
      }),
    );
    expect(shell.kind).toBe('INVALID_PARAMS');
    expect(shell.message).toContain('would run the prompt as commands');

    const option = await caught(() =>
      service.start({
        ...base,
        template: { executable: 'fake-agent', args: ['{prompt}'], promptDelivery: 'argument' },
        prompt: '--rm',
      }),
    );
    expect(option.kind).toBe('INVALID_PARAMS');
    expect(option.message).toContain('starts with "-"');
    const control = await caught(() =>
      service.start({
        ...base,
        template: { executable: 'fake-agent', args: ['--stdin'], promptDelivery: 'stdin' },
        prompt: 'a\u0003b',
      }),
    );
    expect(control.message).toContain('control characters');

    const missing = await caught(() => service.start({ ...base, preset: 'gemini', prompt: 'hi' }));
    expect(missing.kind).toBe('NOT_FOUND');
    expect(missing.message).toContain('gemini was not found');
    expect(terminals.list(fixture.threadId)).toEqual([]);
  });
});
