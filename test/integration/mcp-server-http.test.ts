import { request } from 'node:http';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import { createRepo, TempDirs } from '../support/git-repo';
import { SKEIN_MCP_TOOLS, startHttpMcp, structured, type HttpMcp } from '../support/mcp-server-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';

const dirs = new TempDirs();
let server: ModelServer;
let mcp: HttpMcp | undefined;

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
};

function post(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(INITIALIZE),
  });
}

/** fetch may not set Host; node:http sends exactly what a rebinding page's browser would. */
function postWithHost(url: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(INITIALIZE);
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          host,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await mcp?.close();
  mcp = undefined;
  await server.close();
  dirs.cleanup();
});

describe('skein mcp --http', () => {
  it('listens on 127.0.0.1 and refuses a foreign Origin, a wrong Host and a missing token', async () => {
    mcp = await startHttpMcp(dirs.make('skein-mcp-data-'), agentEnv(server, dirs));
    expect(new URL(mcp.url).hostname).toBe('127.0.0.1');
    const auth = { authorization: `Bearer ${mcp.token}` };

    const foreign = await post(mcp.url, { ...auth, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Origin');

    expect(await postWithHost(mcp.url, 'evil.example', mcp.token)).toBe(403);

    const anonymous = await post(mcp.url, {});
    expect(anonymous.status).toBe(401);
    const guessed = await post(mcp.url, { authorization: 'Bearer not-the-token' });
    expect(guessed.status).toBe(401);

    const local = await post(mcp.url, { ...auth, origin: `http://localhost:${new URL(mcp.url).port}` });
    expect(local.status).toBe(200);
    await local.body?.cancel();
  });

  it('runs a thread for an SDK client, and the thread is in thread/list of the same data dir', async () => {
    const dataDir = dirs.make('skein-mcp-data-');
    const env = agentEnv(server, dirs);
    const repo = createRepo(dirs, { files: { 'README.md': '# demo\n' } });
    mcp = await startHttpMcp(dataDir, env);
    const client = await mcp.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(SKEIN_MCP_TOOLS);

    server.script([{ text: 'Hello over HTTP.' }]);
    const outcome = structured<{ threadId: string; status: string; finalMessage: string }>(
      (await client.callTool({
        name: 'thread_start',
        arguments: { repo: repo.path, prompt: 'Say hello', title: 'Over HTTP' },
      })) as CallToolResult,
    );
    expect(outcome).toMatchObject({ status: 'done', finalMessage: 'Hello over HTTP.' });

    // A second session, from a client that can show forms: the approval is asked on its request's stream.
    const asked: string[] = [];
    const answering = await mcp.connect({
      elicit: (params) => {
        asked.push(params.message);
        return { action: 'accept', content: { decision: 'approve_for_thread' } };
      },
    });
    server.script([
      {
        toolCalls: [
          { id: 'call_out', name: 'shell', arguments: { command: 'echo out > out.txt', escalate: true } },
        ],
      },
      { text: 'Approved over HTTP.' },
    ]);
    const approved = structured<{ status: string; finalMessage: string }>(
      (await answering.callTool({
        name: 'thread_reply',
        arguments: { threadId: outcome.threadId, prompt: 'Write outside' },
      })) as CallToolResult,
    );
    expect(approved).toMatchObject({ status: 'done', finalMessage: 'Approved over HTTP.' });
    expect(asked).toEqual([expect.stringContaining('echo out > out.txt')]);
    expect(await mcp.close()).toEqual({ code: 0, signal: null });
    mcp = undefined;

    // The desktop app (or `skein serve`) on the same data sees the thread like any other.
    const host = await AgentTestHost.start(dataDir, env);
    try {
      const { threads } = await host.client.api.thread.list({});
      expect(threads).toContainEqual(expect.objectContaining({ id: outcome.threadId, title: 'Over HTTP' }));
    } finally {
      await host.close();
    }
  });
});
