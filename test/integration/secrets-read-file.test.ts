import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Approval, Item, RpcClient, Turn } from '../../src-shared/contract';
import type { Host } from '../../src-main/host/create-host';
import { agentEnv, SCRIPTED_MODEL } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import {
  databaseText,
  PLANTED_PROVIDER_KEY as KEY,
  PROVIDER_KEY_MARKER as MARKER,
  plantedIn,
  startScrubHost,
  waitFor,
} from '../support/secret-scrub-fixtures';

/**
 * Issue #9: the scrubber covers more than command output. A worktree file the agent reads or
 * searches (a `.env`) may hold a key the host knows; a provider's error may echo the key it was
 * sent; a command the model wants approved may hold one. The model, the clients, the transcript,
 * the approvals inbox and the database get the marker instead.
 */
const ENV_FILE = `OPENAI_API_KEY=${KEY}\nDEBUG=1\n`;

const dirs = new TempDirs();
let model: ModelServer;
let host: Host | null = null;
let client: RpcClient | null = null;

beforeEach(async () => {
  model = await startModelServer();
});
afterEach(async () => {
  client?.close();
  client = null;
  await host?.dispose();
  host = null;
  await model.close();
  dirs.cleanup();
});

const planted = (text: string): string[] => plantedIn([KEY], text);

/** The params of every notification `method` the client got, in order. */
function notified<T>(frames: readonly string[], method: string): T[] {
  return frames
    .map((frame) => JSON.parse(frame) as { method?: string; params?: T })
    .filter((message) => message.method === method && message.params !== undefined)
    .map((message) => message.params as T);
}

async function start(dataDir: string, policy: 'never' | 'untrusted') {
  const started = await startScrubHost(dirs, dataDir, agentEnv(model, dirs, { OPENAI_API_KEY: '' }), policy);
  host = started.host;
  client = started.client;
  return started;
}

describe('secrets in files the agent reads, errors and approval requests', () => {
  it('a worktree file read or searched, and a provider error echoing the key, show the marker', async () => {
    const dataDir = dirs.make('skein-scrub-read-');
    const { api, frames, thread } = await start(dataDir, 'never');
    writeFileSync(join(thread.worktreePath, '.env'), ENV_FILE);
    model.script([
      {
        toolCalls: [
          { id: 'call_read', name: 'read_file', arguments: { path: '.env' } },
          {
            id: 'call_search',
            name: 'search',
            arguments: { pattern: 'OPENAI_API_KEY', fixed_strings: true },
          },
        ],
      },
      // A provider that quotes the key it refused, as OpenAI's 401 does.
      { error: { status: 401, message: `Incorrect API key provided: ${KEY}.` } },
    ]);
    await api.turn.start({ threadId: thread.id, message: 'What is in .env?', provider: 'openai' });
    const ended = await waitFor(
      () => notified<{ turn: Turn }>(frames, 'turn/completed')[0],
      'the turn to end',
      60_000,
    );

    // The model read the file and found it by search, with the marker where the key was.
    const calls = model.requests.filter((request) => request.model === SCRIPTED_MODEL);
    expect(calls).toHaveLength(2);
    const results = (calls[1]?.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.text);
    expect(results.join('\n')).toContain(`OPENAI_API_KEY=${MARKER}\nDEBUG=1`);
    expect(results.join('\n')).toContain(`.env:1:OPENAI_API_KEY=${MARKER}`);
    expect(planted(calls.map((request) => JSON.stringify(request.body)).join('\n'))).toEqual([]);

    // The provider's error: the turn's error, its error item and the thread's detail name the secret.
    expect(ended.turn.status).toBe('failed');
    expect(ended.turn.error).toContain(`Incorrect API key provided: ${MARKER}`);
    const { items } = await api.thread.items({ threadId: thread.id });
    const tools = items.filter(
      (item): item is Extract<Item, { kind: 'tool_call' }> => item.kind === 'tool_call',
    );
    expect(tools.map((item) => item.output)).toEqual([
      expect.stringContaining(`OPENAI_API_KEY=${MARKER}`),
      expect.stringContaining(`.env:1:OPENAI_API_KEY=${MARKER}`),
    ]);
    const error = items.find((item): item is Extract<Item, { kind: 'error' }> => item.kind === 'error');
    expect(error?.message).toContain(MARKER);
    expect((await api.thread.get({ threadId: thread.id })).statusDetail).toContain(MARKER);

    expect(planted(frames.join('\n'))).toEqual([]);
    expect(planted(JSON.stringify(items))).toEqual([]);
    client?.close();
    client = null;
    await host?.dispose();
    host = null;
    // The stored history the next turn sends the model holds the markers too.
    const stored = databaseText(dataDir);
    expect(stored).toContain(MARKER);
    expect(planted(stored)).toEqual([]);
  }, 120_000);

  it('an approval request whose command holds a key shows and stores the marker', async () => {
    const dataDir = dirs.make('skein-scrub-approval-');
    const { host: running, api, frames, thread } = await start(dataDir, 'untrusted');
    const command = `curl -s -H 'Authorization: Bearer ${KEY}' https://models.invalid/v1/models`;
    model.script([
      {
        toolCalls: [
          {
            id: 'call_curl',
            name: 'shell',
            arguments: { command, justification: `Checks that ${KEY} still works.` },
          },
        ],
      },
      { text: 'Left it.' },
    ]);
    await api.turn.start({ threadId: thread.id, message: 'Is the key good?', provider: 'openai' });
    const { approval } = await waitFor(
      () => notified<{ approval: Approval }>(frames, 'approval/requested')[0],
      'the approval request',
      60_000,
    );

    const scrubbedCommand = command.replace(KEY, MARKER);
    expect(approval).toMatchObject({
      kind: 'command',
      command: scrubbedCommand,
      reason: `Checks that ${MARKER} still works.`,
    });
    expect(JSON.parse(approval.arguments)).toMatchObject({ command: scrubbedCommand });
    const rows = running.services.db.prepare('SELECT request_json FROM approvals').all() as {
      request_json: string;
    }[];
    expect(rows).toHaveLength(1);
    const stored = rows.map((row) => row.request_json).join('\n');
    expect(stored).toContain(MARKER);
    expect(planted(stored)).toEqual([]);
    expect((await api.approval.list({})).approvals.map((listed) => listed.command)).toEqual([
      scrubbedCommand,
    ]);

    await api.approval.respond({ approvalId: approval.id, decision: 'decline' });
    await waitFor(
      () => notified(frames, 'turn/completed').length > 0,
      'the turn to end after the decline',
      60_000,
    );
    // Nothing the clients got holds the key: not the request, not the command's item.
    expect(planted(frames.join('\n'))).toEqual([]);
  }, 120_000);
});
