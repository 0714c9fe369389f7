import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult, ElicitRequest, Progress } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentEnv } from '../support/agent-host';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { connectStdioMcp, structured, type StdioMcp } from '../support/mcp-server-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let repo: TestRepo;
let mcp: StdioMcp | undefined;

beforeEach(async () => {
  server = await startModelServer();
  repo = createRepo(dirs, { files: { 'README.md': '# demo\n' } });
});
afterEach(async () => {
  await mcp?.close();
  mcp = undefined;
  await server.close();
  dirs.cleanup();
});

const escalate = (id: string, command: string) => ({
  toolCalls: [
    { id, name: 'shell', arguments: { command, escalate: true, justification: 'Needs to write freely' } },
  ],
});

describe('skein mcp approvals through elicitation', () => {
  it('asks the client with a form of decisions, runs the command once approved, and reports progress', async () => {
    const asked: ElicitRequest['params'][] = [];
    mcp = await connectStdioMcp(dirs.make('skein-mcp-data-'), agentEnv(server, dirs), {
      elicit: (params) => {
        asked.push(params);
        return { action: 'accept', content: { decision: 'approve' } };
      },
    });
    server.script([escalate('call_out', 'echo outside > escalated.txt'), { text: 'Done outside.' }]);
    const progress: Progress[] = [];
    const result = (await mcp.client.callTool(
      { name: 'thread_start', arguments: { repo: repo.path, prompt: 'Write outside' } },
      CallToolResultSchema,
      { onprogress: (step) => progress.push(step) },
    )) as CallToolResult;
    const outcome = structured<{ status: string; finalMessage: string; worktree: string }>(result);
    expect(outcome).toMatchObject({ status: 'done', finalMessage: 'Done outside.' });
    expect(readFileSync(join(outcome.worktree, 'escalated.txt'), 'utf8')).toBe('outside\n');

    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toContain('echo outside > escalated.txt');
    expect(asked[0]?.message).toContain('Needs to write freely');
    const schema = (asked[0] as { requestedSchema: { properties: Record<string, { enum?: string[] }> } })
      .requestedSchema;
    expect(schema.properties.decision?.enum).toEqual(['approve', 'approve_for_thread', 'decline', 'abort']);

    expect(progress.length).toBeGreaterThan(0);
    expect(progress.map((step) => step.progress)).toEqual(progress.map((_, index) => index + 1));
    expect(progress.some((step) => step.message === 'approval answered: approve')).toBe(true);
  });

  it('a declined decision tells the agent, and the file is never written', async () => {
    mcp = await connectStdioMcp(dirs.make('skein-mcp-data-'), agentEnv(server, dirs), {
      elicit: () => ({ action: 'accept', content: { decision: 'decline' } }),
    });
    server.script([
      escalate('call_out', 'echo outside > declined.txt'),
      { text: 'Understood, not writing it.' },
    ]);
    const outcome = structured<{ status: string; finalMessage: string; worktree: string }>(
      (await mcp.client.callTool({
        name: 'thread_start',
        arguments: { repo: repo.path, prompt: 'Write outside' },
      })) as CallToolResult,
    );
    expect(outcome).toMatchObject({ status: 'done', finalMessage: 'Understood, not writing it.' });
    expect(existsSync(join(outcome.worktree, 'declined.txt'))).toBe(false);
  });
});
