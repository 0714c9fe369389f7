import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcError, isMethodName, methods, type NotificationParams } from '../../src-shared/contract';
import { createTerminalService, type TerminalService } from '../../src-main/core/terminals';
import { Broadcaster } from '../../src-main/host/connection';
import { registerTerminalHandlers } from '../../src-main/host/handlers/terminals';
import { Router } from '../../src-main/host/router';
import {
  TEST_SHELL,
  createTerminalFixture,
  waitUntil,
  type TerminalFixture,
} from '../support/terminal-fixtures';
import { connectToRouter, threadLookupFromDatabase, type RoutedClient } from '../support/terminal-router';

let fixture: TerminalFixture;
let service: TerminalService;
let router: Router;
let broadcaster: Broadcaster;
const clients: RoutedClient[] = [];

beforeEach(() => {
  fixture = createTerminalFixture();
  broadcaster = new Broadcaster();
  service = createTerminalService({ db: fixture.db, publisher: broadcaster, shell: TEST_SHELL });
  router = new Router();
  registerTerminalHandlers(router, { threads: threadLookupFromDatabase(fixture.db), terminals: service });
});

afterEach(async () => {
  for (const { client } of clients.splice(0)) client.close();
  await service.dispose();
  fixture.cleanup();
});

function connect(): RoutedClient & { data: () => string; updates: NotificationParams<'terminal/updated'>[] } {
  const routed = connectToRouter(router);
  broadcaster.add(routed.connection);
  clients.push(routed);
  const frames: string[] = [];
  const updates: NotificationParams<'terminal/updated'>[] = [];
  routed.client.on('terminal/data', (params) => frames.push(params.data));
  routed.client.on('terminal/updated', (params) => updates.push(params));
  return { ...routed, data: () => frames.join(''), updates };
}

async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error;
}

describe('terminal handlers', () => {
  it('registers every terminal method of the contract', () => {
    const contract = Object.keys(methods).filter((m) => isMethodName(m) && m.startsWith('terminal/'));
    expect(router.registered().sort()).toEqual(contract.sort());
  });

  it('opens a terminal in the thread worktree, streams its output to the attached connection only, and takes acks', async () => {
    const viewer = connect();
    const bystander = connect();
    const terminal = await viewer.client.api.terminal.open({
      threadId: fixture.threadId,
      cols: 90,
      rows: 20,
    });
    expect(terminal).toMatchObject({
      threadId: fixture.threadId,
      cwd: fixture.cwd,
      cols: 90,
      rows: 20,
      status: 'running',
    });
    const { screen } = await viewer.client.api.terminal.attach({ terminalId: terminal.id });
    expect(typeof screen).toBe('string');
    await viewer.client.api.terminal.input({
      terminalId: terminal.id,
      data: 'echo routed-$((10+11)); pwd\r',
    });
    await waitUntil(
      () => viewer.data().includes('routed-21') && viewer.data().includes(fixture.cwd),
      10_000,
      'routed output',
    );
    expect(bystander.data()).toBe('');
    // Both connections hear about the terminal (a broadcast), only one gets its bytes.
    await waitUntil(
      () => bystander.updates.some((u) => u.terminal.id === terminal.id),
      5_000,
      'the broadcast',
    );

    const unacked = service.stats(terminal.id).unacked[viewer.connection.id] ?? 0;
    expect(unacked).toBeGreaterThan(0);
    await viewer.client.api.terminal.ack({ terminalId: terminal.id, chars: unacked });
    expect(service.stats(terminal.id).unacked[viewer.connection.id]).toBe(0);

    await viewer.client.api.terminal.resize({ terminalId: terminal.id, cols: 100, rows: 25 });
    expect((await viewer.client.api.terminal.list({ threadId: fixture.threadId })).terminals).toMatchObject([
      { id: terminal.id, cols: 100, rows: 25 },
    ]);

    await viewer.client.api.terminal.detach({ terminalId: terminal.id });
    expect(Object.keys(service.stats(terminal.id).unacked)).not.toContain(viewer.connection.id);
  });

  it('detaches a connection that goes away', async () => {
    const viewer = connect();
    const terminal = await viewer.client.api.terminal.open({ threadId: fixture.threadId });
    await viewer.client.api.terminal.attach({ terminalId: terminal.id });
    expect(Object.keys(service.stats(terminal.id).unacked)).toContain(viewer.connection.id);
    viewer.channel.close();
    expect(Object.keys(service.stats(terminal.id).unacked)).not.toContain(viewer.connection.id);
  });

  it('kills, restarts and closes through the contract', async () => {
    const viewer = connect();
    const terminal = await viewer.client.api.terminal.open({ threadId: fixture.threadId });
    await viewer.client.api.terminal.attach({ terminalId: terminal.id });
    const exited = service.waitForExit(terminal.id);
    await viewer.client.api.terminal.kill({ terminalId: terminal.id });
    expect(await exited).toBeNull();
    const input = await rpcError(viewer.client.api.terminal.input({ terminalId: terminal.id, data: 'ls\r' }));
    expect(input.kind).toBe('TERMINAL_EXITED');
    const restarted = await viewer.client.api.terminal.restart({ terminalId: terminal.id });
    expect(restarted.status).toBe('running');
    await viewer.client.api.terminal.input({ terminalId: terminal.id, data: 'echo back-$((2+2))\r' });
    await waitUntil(() => viewer.data().includes('back-4'), 10_000, 'output after restart');
    const removed: string[] = [];
    viewer.client.on('terminal/removed', (params) => removed.push(params.terminalId));
    await viewer.client.api.terminal.close({ terminalId: terminal.id });
    await waitUntil(() => removed.includes(terminal.id), 5_000, 'terminal/removed');
    expect((await viewer.client.api.terminal.list({ threadId: fixture.threadId })).terminals).toEqual([]);
  });

  it('answers with stable error kinds', async () => {
    const { client } = connect();
    expect((await rpcError(client.api.terminal.attach({ terminalId: 'missing' }))).kind).toBe('NOT_FOUND');
    expect((await rpcError(client.api.terminal.input({ terminalId: 'missing', data: 'x' }))).kind).toBe(
      'NOT_FOUND',
    );
    expect((await rpcError(client.api.terminal.open({ threadId: 'no-thread' }))).kind).toBe('NOT_FOUND');
    const archived = fixture.addThread({ archived: true });
    const refused = await rpcError(client.api.terminal.open({ threadId: archived }));
    expect(refused.kind).toBe('INVALID_STATE');
    expect(refused.message).toMatch(/archived/);
    expect(service.list(archived)).toEqual([]);
  });
});
