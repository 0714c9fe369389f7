import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { McpServerConfig, Thread } from '../../src-shared/contract';
import { createChildHostLauncher } from '../../src-main/electron/host-process';
import { createHostSupervisor, type HostSupervisor } from '../../src-main/electron/host-supervisor';
import { agentEnv } from '../support/agent-host';
import { installFakeAgent } from '../support/cli-agent-fixtures';
import { createRepo, TempDirs } from '../support/git-repo';
import { MCP_TEST_TOOL, mcpTestServerConfig } from '../support/mcp-test-fixtures';
import {
  startModelServer,
  type ModelServer,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/model-server';
import {
  countByKind,
  describeProcesses,
  processesOwnedBy,
  waitUntilGone,
  type OwnedProcess,
} from '../support/resource-count';
import { ChildHost } from '../support/resource-host';
import { skeinCliArgs } from '../support/skein-cli-process';

/**
 * After the host is told to stop, in each way the app tells it, none of the processes it started is
 * left: terminals (with foreground, grandchild and background jobs), a built-in agent's long command
 * (sandboxed, in its own session), a turn waiting for approval, an MCP stdio server, a CLI agent in
 * a terminal, and a `git worktree add` stuck in a slow post-checkout hook. Each sleep has its own
 * length so the test can tell them apart in /proc.
 */

/** Within this the host must be gone with everything it started (well inside the app's STOP_GRACE_MS, 10 s). */
const GONE_WITHIN_MS = 5_000;
const dirs = new TempDirs();
const started = Date.now();
/** SKEIN_TEST_TRACE=1 prints each step's time (to find where a slow machine spends it). */
const step = (what: string): void => {
  if (process.env.SKEIN_TEST_TRACE) process.stderr.write(`[resources ${Date.now() - started} ms] ${what}\n`);
};
let model: ModelServer;

/** The scripted model answers by the tag at the start of the user's message, so threads can share it. */
function reply(request: RecordedRequest): ScriptedReply {
  if (request.messages.at(-1)?.role === 'tool') return { text: 'Done.' };
  const tag = request.messages.findLast((message) => message.role === 'user')?.text ?? '';
  if (tag.includes('[approval]')) return shell('call_approval', 'sleep 1007');
  if (tag.includes('[long]')) return shell('call_long', 'sleep 1005');
  if (tag.includes('[mcp]'))
    return {
      toolCalls: [{ id: 'call_mcp', name: `mcp__tickets__${MCP_TEST_TOOL}`, arguments: { id: 'SK-1' } }],
    };
  return { text: 'Nothing scripted for this.' };
}

function shell(id: string, command: string): ScriptedReply {
  return { toolCalls: [{ id, name: 'shell', arguments: { command, timeout_ms: 1_800_000 } }] };
}

beforeAll(async () => {
  model = await startModelServer();
  model.script(reply);
});

afterAll(async () => {
  await model.close();
  dirs.cleanup();
});

interface Scene {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  markers: string[];
}

/** A data folder, HOME, fake agent and marker token for one host; everything lives in temp dirs. */
function scene(): Scene {
  const token = `skein-resources-${randomUUID()}`;
  const dataDir = dirs.make('skein-resources-data-');
  const home = dirs.make('skein-resources-home-');
  const env = agentEnv(model, dirs, {
    HOME: home,
    SHELL: '/bin/bash',
    SKEIN_RESOURCE_MARKER: token,
    SKEIN_LOG_LEVEL: process.env.SKEIN_TEST_TRACE ? 'debug' : 'warn',
  });
  return { dataDir, env, markers: [token, dataDir, home] };
}

/** Waits until the host's processes include every command in `expected` (argv substrings). */
async function processesWith(
  hostPid: number,
  markers: string[],
  expected: string[],
  timeoutMs = 30_000,
): Promise<OwnedProcess[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owned = processesOwnedBy({ hostPid, markers });
    const missing = expected.filter((needle) => !owned.some((info) => info.command.includes(needle)));
    if (missing.length === 0) return owned;
    if (Date.now() > deadline)
      throw new Error(
        `Never saw ${missing.join(', ')} among the host's processes:\n${describeProcesses(owned)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Puts a host to work: every kind of process it can start is running when this resolves.
 * Returns the owned processes (asserted non-empty by kind, so the test can fail).
 */
async function populate(host: ChildHost, setup: Scene, full: boolean): Promise<OwnedProcess[]> {
  const { client } = host;
  const repo = createRepo(dirs, { files: { 'README.md': '# resources\n' } });
  setup.markers.push(repo.path);
  step('adding the project');
  const project = await client.api.project.add({ path: repo.path });
  await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const callsDir = dirs.make('skein-resources-mcp-');
  setup.markers.push(callsDir);
  const tickets: McpServerConfig = mcpTestServerConfig('tickets', join(callsDir, 'calls.txt'));
  await client.api.agent.setSettings({
    scope: 'user',
    settings: { approvalPolicy: 'never', sandboxMode: 'workspace-write', mcpServers: [tickets] },
  });

  const titles = full ? ['Shells', 'Approval', 'Long command', 'MCP', 'CLI agent'] : ['Everything'];
  const threads = await Promise.all(titles.map((title) => host.readyThread(project.id, title)));
  /** The light scene does everything in its one thread. */
  const pick = (index: number): Thread => {
    const thread = threads[full ? index : 0];
    if (!thread) throw new Error('A thread did not start');
    return thread;
  };
  const [shells, approval, long, mcp, cli] = [0, 1, 2, 3, 4].map(pick) as [
    Thread,
    Thread,
    Thread,
    Thread,
    Thread,
  ];
  step('threads ready');

  // Terminals: a foreground sleep, a command with a grandchild, a background job.
  const first = await client.api.terminal.open({ threadId: shells.id });
  const second = await client.api.terminal.open({ threadId: shells.id });
  await client.api.terminal.input({ terminalId: first.id, data: 'sleep 1001\n' });
  await client.api.terminal.input({
    terminalId: second.id,
    data: "sleep 1004 &\nbash -c 'sleep 1002 & sleep 1003'\n",
  });
  step('terminals open');

  // Built-in agent turns: one used an MCP server (kept running for the next turns), one runs a long
  // sandboxed command, and (full) one waits for approval.
  await client.api.turn.start({ threadId: mcp.id, message: '[mcp] look up', provider: 'openai' });
  await host.waitFor(
    () => host.of('turn/completed').find((entry) => entry.turn.threadId === mcp.id),
    'the MCP turn to complete',
  );
  await client.api.turn.start({ threadId: long.id, message: '[long] run', provider: 'openai' });
  const expected = ['sleep 1001', 'sleep 1002', 'sleep 1003', 'sleep 1004', 'sleep 1005', 'mcp-test-server'];
  if (full) {
    await client.api.agent.setSettings({
      scope: 'thread',
      threadId: approval.id,
      settings: { approvalPolicy: 'untrusted' },
    });
    await client.api.turn.start({ threadId: approval.id, message: '[approval] wait', provider: 'openai' });
    await host.waitFor(
      () => host.of('approval/requested').find((entry) => entry.approval.threadId === approval.id),
      'the approval request',
    );
    step('turns started');

    // A CLI agent in its own terminal.
    const bin = installFakeAgent(dirs.make('skein-resources-bin-'), ['fake-agent']);
    setup.markers.push(bin.binDir);
    await client.api.cliAgents.start({
      threadId: cli.id,
      template: {
        executable: join(bin.binDir, 'fake-agent'),
        args: ['--', '{prompt}'],
        promptDelivery: 'argument',
      },
      prompt: 'work',
    });
    step('cli agent started');

    // Last: a thread whose `git worktree add` hangs in the repository's post-checkout hook.
    const hooks = join(repo.path, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    writeFileSync(join(hooks, 'post-checkout'), '#!/bin/sh\nsleep 1006\n');
    chmodSync(join(hooks, 'post-checkout'), 0o755);
    await client.api.thread.start({ projectId: project.id, title: 'Git in flight' });
    step('git thread started');
    expected.push('sleep 1006', 'fake-cli-agent', 'worktree add');
  }

  const owned = await processesWith(host.pid, setup.markers, expected);
  step(`all processes seen: ${JSON.stringify(countByKind(owned))}`);
  const kinds = countByKind(owned);
  expect(kinds.host).toBe(1);
  // Each sleep was seen by its argv above; a kind count would depend on how bash execs them.
  expect(kinds['mcp-server']).toBeGreaterThanOrEqual(1);
  expect(kinds.sandbox).toBeGreaterThanOrEqual(1);
  if (full) {
    expect(kinds['cli-agent']).toBeGreaterThanOrEqual(1);
    expect(kinds.git).toBeGreaterThanOrEqual(1);
  }
  return owned;
}

async function expectAllGone(owned: OwnedProcess[], markers: string[]): Promise<void> {
  const left = await waitUntilGone(owned, markers, GONE_WITHIN_MS);
  expect(describeProcesses(left), 'processes left after the host stopped').toBe('');
}

describe('quitting leaves no process behind', { timeout: 120_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  // End of stdin (the app in development, through the supervisor below) and SIGTERM (the packaged
  // app's utility process, and what the supervisor escalates to) are how the app stops the host.
  for (const way of ['SIGTERM'] as const) {
    it(`skein host --stdio told to stop by ${way}`, async () => {
      const setup = scene();
      const { host, proc } = ChildHost.start(setup.dataDir, setup.env);
      cleanups.push(async () => void (await proc.stop('SIGKILL', 1_000)));
      const owned = await populate(host, setup, false);

      const stoppedAt = Date.now();
      proc.child.kill(way);
      const exit = await Promise.race([
        proc.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), GONE_WITHIN_MS)),
      ]);
      if (exit === null) {
        const left = processesOwnedBy({ hostPid: host.pid, markers: setup.markers });
        throw new Error(
          `The host did not exit within ${GONE_WITHIN_MS} ms. Its processes:\n${describeProcesses(left)}\nstderr:\n${proc.stderr().slice(-6000)}`,
        );
      }
      expect(exit, proc.stderr()).toEqual({ code: 0, signal: null });
      expect(Date.now() - stoppedAt).toBeLessThan(GONE_WITHIN_MS);
      await expectAllGone(owned, setup.markers);
    });
  }

  it('the desktop supervisor stop() (the app quitting)', async () => {
    const setup = scene();
    const supervisor: HostSupervisor = createHostSupervisor({
      launch: createChildHostLauncher({
        command: process.execPath,
        args: [...skeinCliArgs(), 'host', '--stdio', '--data', setup.dataDir],
        env: setup.env,
      }),
    });
    cleanups.push(() => supervisor.stop());
    supervisor.start();
    const host = ChildHost.throughSupervisor(supervisor);
    const owned = await populate(host, setup, true);

    const stoppedAt = Date.now();
    await supervisor.stop();
    // Inside the app's first grace: the host stopped on its own, not by the escalation to signals.
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    await expectAllGone(owned, setup.markers);
  });
});
