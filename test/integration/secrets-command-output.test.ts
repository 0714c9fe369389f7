import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item, RpcClient } from '../../src-shared/contract';
import { createKeyStore, createOutputScrubber } from '../../src-main/core/agents';
import { BackendRecording } from '../../src-main/core/agents/backends/backend-recording';
import type { BackendEvent, ItemFields } from '../../src-main/core/agents/backends/types';
import { DeltaCoalescer } from '../../src-main/core/agents/runtime/delta-coalescer';
import { createItemWriter } from '../../src-main/core/agents/runtime/item-writer';
import { TurnRecorder } from '../../src-main/core/agents/runtime/turn-recorder';
import { createTurnRows } from '../../src-main/core/agents/runtime/turn-rows';
import type { Publisher } from '../../src-main/core/events';
import type { Host } from '../../src-main/host/create-host';
import { agentEnv, SCRIPTED_MODEL } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { MCP_TEST_TOOL, mcpTestServerConfig, ticketAnswer } from '../support/mcp-test-fixtures';
import { startModelServer, type ModelServer } from '../support/model-server';
import {
  databaseText,
  joinedDeltas,
  PLANTED_PROVIDER_KEY,
  PROVIDER_KEY_MARKER,
  plantedIn as plantedAmong,
  startScrubHost,
  waitFor,
} from '../support/secret-scrub-fixtures';

/**
 * Issue #9: a command the agent runs may print a secret the host holds (a config file, `env`, a
 * script), and an MCP server may answer with one. The model, the client, the transcript, the
 * database and a trace export must get a marker naming the secret instead, even when the value
 * arrives split across two chunks of live output.
 */
const PLANTED = {
  providerKey: PLANTED_PROVIDER_KEY,
  mcpEnv: 'planted-QZ-mcp-env-a93f0e6b2c18',
} as const;
/** A value the MCP test server's answer contains: it stands for a server that echoes a token it holds. */
const ECHOED = 'the login page times out';
const ALL_PLANTED = [PLANTED.providerKey, PLANTED.mcpEnv, ECHOED];
const MARKERS = {
  providerKey: PROVIDER_KEY_MARKER,
  mcpEnv: '[secret: mcp/user/tickets/env/TICKET_TOKEN]',
  echoed: '[secret: mcp/user/tickets/env/TICKET_MOTD]',
};
/** The credentials file the command prints: head -c cuts the key in two, so its halves come in two chunks. */
const CREDENTIALS = `OPENAI_API_KEY=${PLANTED.providerKey}\nTICKET_TOKEN=${PLANTED.mcpEnv}\n`;
const SPLIT_AT = 'OPENAI_API_KEY='.length + 9;
const COMMAND = `head -c ${SPLIT_AT} creds.txt; sleep 0.4; tail -c +${SPLIT_AT + 1} creds.txt; cat creds.txt >&2`;

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

/** Which planted values `text` holds, whole or as a piece long enough to mean something. */
const plantedIn = (text: string): string[] => plantedAmong(ALL_PLANTED, text);

/** A host with the planted provider key stored, a client whose raw frames are kept, and a ready thread. */
async function startWithThread(dataDir: string, env: NodeJS.ProcessEnv) {
  const started = await startScrubHost(dirs, dataDir, env);
  host = started.host;
  client = started.client;
  return started;
}

describe('secrets in command output', () => {
  it('reach neither the model, the client, the transcript, the database nor a trace', async () => {
    const dataDir = dirs.make('skein-scrub-data-');
    const outside = dirs.make('skein-scrub-outside-');
    const { api, frames, thread } = await startWithThread(
      dataDir,
      agentEnv(model, dirs, { OPENAI_API_KEY: '' }),
    );
    await api.mcp.save({
      scope: 'user',
      server: mcpTestServerConfig('tickets', join(outside, 'calls.txt'), {
        env: { TICKET_TOKEN: PLANTED.mcpEnv, TICKET_MOTD: ECHOED },
      }),
    });
    const worktree = thread.worktreePath;
    writeFileSync(join(worktree, 'creds.txt'), CREDENTIALS);

    model.script([
      {
        toolCalls: [
          { id: 'call_shell', name: 'shell', arguments: { command: COMMAND } },
          { id: 'call_ticket', name: `mcp__tickets__${MCP_TEST_TOOL}`, arguments: { id: 'SK-1' } },
        ],
      },
      { text: 'Read them.' },
    ]);
    await api.turn.start({ threadId: thread.id, message: 'Show the credentials', provider: 'openai' });
    await waitFor(
      () => frames.some((frame) => frame.includes('"turn/completed"') && frame.includes(thread.id)),
      'the turn to complete',
      60_000,
    );
    const transcript = await api.thread.items({ threadId: thread.id });
    const jsonl = (await api.trace.export({ threadId: thread.id, includeContent: true })).jsonl;

    // The command and the MCP call ran and printed; their output holds markers where the values were.
    const command = transcript.items.find(
      (item): item is Extract<Item, { kind: 'command' }> => item.kind === 'command',
    );
    expect(command?.output).toContain(`OPENAI_API_KEY=${MARKERS.providerKey}`);
    expect(command?.output).toContain(`TICKET_TOKEN=${MARKERS.mcpEnv}`);
    const ticket = transcript.items.find(
      (item): item is Extract<Item, { kind: 'tool_call' }> => item.kind === 'tool_call',
    );
    expect(ticket?.output).toContain(ticketAnswer('SK-1').replace(ECHOED, MARKERS.echoed));
    // The live output came in more than one delta (the value was split), and joined it holds the marker.
    const deltas = joinedDeltas(frames);
    expect(deltas.some((text) => text.includes(`OPENAI_API_KEY=${MARKERS.providerKey}`))).toBe(true);

    // The model got the markers, never the values: its second request carries both tool results.
    const calls = model.requests.filter((request) => request.model === SCRIPTED_MODEL);
    expect(calls.map((request) => request.apiKey)).toContain(PLANTED.providerKey);
    const toolResults = calls.flatMap((request) =>
      request.messages.filter((m) => m.role === 'tool').map((m) => m.text),
    );
    expect(toolResults.join('\n')).toContain(MARKERS.providerKey);
    expect(toolResults.join('\n')).toContain(MARKERS.echoed);
    expect(plantedIn(calls.map((request) => JSON.stringify(request.body)).join('\n'))).toEqual([]);

    // Not the client (every frame, and the deltas joined), the transcript or the trace export.
    expect(jsonl).toContain(MARKERS.providerKey);
    expect(plantedIn(frames.join('\n'))).toEqual([]);
    expect(plantedIn(deltas.join('\n'))).toEqual([]);
    expect(plantedIn(JSON.stringify(transcript))).toEqual([]);
    expect(plantedIn(jsonl)).toEqual([]);

    client?.close();
    client = null;
    await host?.dispose();
    host = null;
    // Not the database, nor its WAL (the key file of a headless host holds the key on purpose).
    const stored = databaseText(dataDir);
    expect(stored.length).toBeGreaterThan(0);
    expect(plantedIn(stored)).toEqual([]);
  }, 120_000);

  it('reach neither the transcript nor the clients from another backend (the common item path)', async () => {
    const dataDir = dirs.make('skein-scrub-backend-');
    const env = agentEnv(model, dirs, { OPENAI_API_KEY: '' });
    const { host: running, thread } = await startWithThread(dataDir, env);
    // The host's own database and key file, and the recorder every backend's events pass, as Codex's do.
    const scrubber = createOutputScrubber(createKeyStore(dataDir, env, undefined), env);
    await scrubber.refresh();
    const db = running.services.db;
    const published: string[] = [];
    const publisher: Publisher = {
      publish: (name, params) => void published.push(JSON.stringify({ method: name, params })),
    };
    const coalescer = new DeltaCoalescer(publisher);
    const writer = createItemWriter(db);
    const turns = createTurnRows(db);
    const turn = turns.insert({
      id: randomUUID(),
      threadId: thread.id,
      provider: 'openai',
      model: 'codex',
      continuesTurnId: null,
    });
    const recorder = new TurnRecorder(turn, {
      writer,
      turns,
      coalescer,
      publisher,
      cwd: thread.worktreePath,
      scrubber,
    });
    const recording = new BackendRecording(recorder);
    const printed = `{"OPENAI_API_KEY": "${PLANTED.providerKey}"}\n`;
    const cut = printed.indexOf(PLANTED.providerKey) + 11;
    const command: ItemFields = {
      kind: 'command',
      command: 'cat ~/.codex/auth.json',
      cwd: thread.worktreePath,
      reason: null,
      sandbox: null,
      exitCode: null,
      output: '',
      timedOut: false,
      durationMs: null,
    };
    const said = `Your key is ${PLANTED.providerKey}.`;
    const events: BackendEvent[] = [
      {
        type: 'item/started',
        backendTurnId: 't',
        item: { backendItemId: 'cmd', status: 'in_progress', fields: command },
      },
      {
        type: 'item/delta',
        backendTurnId: 't',
        backendItemId: 'cmd',
        stream: 'output',
        delta: printed.slice(0, cut),
      },
      {
        type: 'item/delta',
        backendTurnId: 't',
        backendItemId: 'cmd',
        stream: 'output',
        delta: printed.slice(cut),
      },
      {
        type: 'item/completed',
        backendTurnId: 't',
        item: {
          backendItemId: 'cmd',
          status: 'completed',
          fields: { ...command, output: printed, exitCode: 0 },
        },
      },
      // That agent's model saw the value and repeats it, split across two text deltas.
      {
        type: 'item/delta',
        backendTurnId: 't',
        backendItemId: 'msg',
        stream: 'text',
        delta: said.slice(0, 19),
      },
      { type: 'item/delta', backendTurnId: 't', backendItemId: 'msg', stream: 'text', delta: said.slice(19) },
      {
        type: 'item/completed',
        backendTurnId: 't',
        item: { backendItemId: 'msg', status: 'completed', fields: { kind: 'agent_message', text: said } },
      },
    ];
    for (const event of events) recording.handle(event);
    recorder.finish('completed');
    coalescer.dispose();
    writer.dispose();

    const items = writer.rows.ofThread(thread.id);
    expect(items.map((item) => item.kind)).toEqual(['command', 'agent_message']);
    expect(items[0]).toMatchObject({ output: `{"OPENAI_API_KEY": "${MARKERS.providerKey}"}\n` });
    expect(items[1]).toMatchObject({ text: `Your key is ${MARKERS.providerKey}.` });
    const deltas = joinedDeltas(published);
    expect(deltas).toContain(`{"OPENAI_API_KEY": "${MARKERS.providerKey}"}\n`);
    expect(deltas).toContain(`Your key is ${MARKERS.providerKey}.`);
    expect(plantedIn(published.join('\n'))).toEqual([]);
    expect(plantedIn(deltas.join('\n'))).toEqual([]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plantedIn(databaseText(dataDir))).toEqual([]);
  }, 120_000);
});
