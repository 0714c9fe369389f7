import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentEnv } from '../support/agent-host';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import {
  connectStdioMcp,
  errorText,
  SKEIN_MCP_TOOLS,
  structured,
  type StdioMcp,
} from '../support/mcp-server-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';
import { spawnSkein } from '../support/skein-cli-process';

interface Outcome {
  threadId: string;
  branch: string;
  worktree: string;
  status: string;
  turnStatus: string | null;
  finalMessage: string | null;
  approval: { approvalId: string; command: string | null } | null;
}

const SKILL = '---\nname: demo-skill\ndescription: Says hello in the demo repository.\n---\n\nSay hello.\n';

const dirs = new TempDirs();
let server: ModelServer;
let repo: TestRepo;
let mcp: StdioMcp;

const call = async (name: string, args: Record<string, unknown>) =>
  (await mcp.client.callTool({ name, arguments: args })) as CallToolResult;

beforeAll(async () => {
  server = await startModelServer();
  repo = createRepo(dirs, {
    files: { 'README.md': '# demo\n', '.agents/skills/demo-skill/SKILL.md': SKILL },
  });
  mcp = await connectStdioMcp(dirs.make('skein-mcp-data-'), agentEnv(server, dirs));
});
afterAll(async () => {
  await mcp?.close();
  await server?.close();
  dirs.cleanup();
});

describe('skein mcp over stdio', () => {
  it('lists every tool with input and output schemas', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(SKEIN_MCP_TOOLS);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const start = tools.find((tool) => tool.name === 'thread_start');
    expect(start?.inputSchema.required).toEqual(expect.arrayContaining(['repo', 'prompt']));
    const approve = tools.find((tool) => tool.name === 'thread_approve');
    expect(JSON.stringify(approve?.inputSchema)).toContain('approve_for_thread');
  });

  it('starts a thread, waits for the turn and answers with the final message; then reply, status, list, diff', async () => {
    server.script([{ text: 'Hello from the agent.' }]);
    const started = structured<Outcome>(await call('thread_start', { repo: repo.path, prompt: 'Say hello' }));
    expect(started).toMatchObject({
      status: 'done',
      turnStatus: 'completed',
      finalMessage: 'Hello from the agent.',
    });
    expect(started.branch).not.toBe('');
    expect(existsSync(join(started.worktree, 'README.md'))).toBe(true);
    expect(server.requests.at(-1)?.messages.some((message) => message.text.includes('Say hello'))).toBe(true);

    server.script([{ text: 'Second answer.' }]);
    const replied = structured<Outcome>(
      await call('thread_reply', { threadId: started.threadId, prompt: 'Again' }),
    );
    expect(replied).toMatchObject({
      threadId: started.threadId,
      status: 'done',
      finalMessage: 'Second answer.',
    });

    const status = structured<Outcome>(await call('thread_status', { threadId: started.threadId }));
    expect(status).toMatchObject({ finalMessage: 'Second answer.', approval: null });

    const listed = structured<{ threads: { threadId: string; repo: string }[] }>(
      await call('thread_list', { repo: repo.path }),
    );
    expect(listed.threads).toContainEqual(
      expect.objectContaining({ threadId: started.threadId, repo: repo.path }),
    );

    writeFileSync(join(started.worktree, 'notes.txt'), 'written in the worktree\n');
    const diff = structured<{ summary: { files: { path: string }[] }; diff: string; truncated: boolean }>(
      await call('thread_diff', { threadId: started.threadId }),
    );
    expect(diff.summary.files.map((file) => file.path)).toEqual(['notes.txt']);
    expect(diff.diff).toContain('+written in the worktree');
    expect(diff.truncated).toBe(false);

    expect(errorText(await call('thread_interrupt', { threadId: started.threadId }))).toContain(
      'No turn is running',
    );
    server.script([{ text: Array.from({ length: 40 }, (_, index) => `word${index} `), chunkDelayMs: 250 }]);
    const running = structured<Outcome>(
      await call('thread_reply', { threadId: started.threadId, prompt: 'Talk slowly', wait: false }),
    );
    expect(running.turnStatus).toBe('running');
    structured<Outcome>(await call('thread_interrupt', { threadId: started.threadId }));
    await expect
      .poll(
        async () =>
          structured<Outcome>(await call('thread_status', { threadId: started.threadId })).turnStatus,
        {
          timeout: 10_000,
        },
      )
      .toBe('interrupted');

    const conflicts = structured<{ matrix: { threads: { threadId?: string; id?: string }[] } }>(
      await call('conflicts_get', { repo: repo.path }),
    );
    expect(JSON.stringify(conflicts.matrix.threads)).toContain(started.threadId);

    const skills = structured<{ skills: { name: string; scope: string; valid: boolean }[] }>(
      await call('skills_list', { repo: repo.path }),
    );
    expect(skills.skills).toContainEqual(
      expect.objectContaining({ name: 'demo-skill', scope: 'repo', valid: true }),
    );
  });

  it('answers a bad threadId and a folder that is not a repository with a tool error sentence', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['thread_status', {}],
      ['thread_diff', {}],
      ['thread_interrupt', {}],
      ['thread_reply', { prompt: 'Hi' }],
      ['thread_approve', { approvalId: 'a', decision: 'approve' }],
    ];
    for (const [name, args] of calls) {
      const text = errorText(await call(name, { threadId: 'no-such-thread', ...args }));
      expect(text, name).toMatch(/thread/i);
      expect(text).toMatch(/\.$/);
    }
    const folder = dirs.make('skein-not-a-repo-');
    mkdirSync(join(folder, 'sub'));
    const text = errorText(await call('thread_start', { repo: folder, prompt: 'Hi' }));
    expect(text).toContain(folder);
    expect(text).toMatch(/not a git repository|repository/i);
  });

  it('without elicitation, a waiting turn returns waiting_for_approval; thread_approve answers it', async () => {
    server.script([
      {
        toolCalls: [
          {
            id: 'call_out',
            name: 'shell',
            arguments: { command: 'echo outside > escalated.txt', escalate: true },
          },
        ],
      },
      { text: 'Wrote it outside the sandbox.' },
    ]);
    const waiting = structured<Outcome>(
      await call('thread_start', { repo: repo.path, prompt: 'Write outside' }),
    );
    expect(waiting.status).toBe('waiting_for_approval');
    expect(waiting.approval).toMatchObject({ command: 'echo outside > escalated.txt' });
    expect(existsSync(join(waiting.worktree, 'escalated.txt'))).toBe(false);

    const wrong = errorText(
      await call('thread_approve', { threadId: waiting.threadId, approvalId: 'nope', decision: 'approve' }),
    );
    expect(wrong).toMatch(/approval/i);

    const done = structured<Outcome>(
      await call('thread_approve', {
        threadId: waiting.threadId,
        approvalId: waiting.approval?.approvalId,
        decision: 'approve',
      }),
    );
    expect(done).toMatchObject({
      status: 'done',
      finalMessage: 'Wrote it outside the sandbox.',
      approval: null,
    });
    expect(readFileSync(join(waiting.worktree, 'escalated.txt'), 'utf8')).toBe('outside\n');
  });
});

describe('skein mcp stdout', () => {
  it('carries nothing but JSON-RPC, and the server exits 0 when the client closes stdin', async () => {
    const child = spawnSkein(['mcp', '--data', dirs.make('skein-mcp-raw-')], { SKEIN_LOG_LEVEL: 'debug' });
    try {
      const send = (message: unknown) => child.child.stdin.write(`${JSON.stringify(message)}\n`);
      send({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      });
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
      await expect.poll(() => child.stdout().includes('"id":2'), { timeout: 30_000 }).toBe(true);
      child.child.stdin.end();
      expect(await child.exited).toEqual({ code: 0, signal: null });
      const lines = child.stdout().split('\n').filter(Boolean);
      expect(lines.length).toBe(2);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
      // Debug logging was on: the host did log, to stderr.
      expect(child.stderr().length).toBeGreaterThan(0);
    } finally {
      await child.stop('SIGKILL');
    }
  });
});
