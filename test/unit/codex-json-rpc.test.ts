import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import {
  JsonRpcError,
  JsonRpcStdio,
  methodNotFound,
} from '../../src-main/core/agents/backends/codex/json-rpc-stdio';

/** Both ends in memory: `toServer` is what the client wrote, `fromServer` what the "server" sends. */
function pair(onRequest: (method: string, params: unknown) => Promise<unknown> = async () => null) {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const notifications: [string, unknown][] = [];
  const client = new JsonRpcStdio(fromServer, toServer, {
    onNotification: (method, params) => notifications.push([method, params]),
    onRequest: (method, params) => onRequest(method, params),
  });
  const written: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: toServer }).on('line', (line) => {
    written.push(JSON.parse(line) as Record<string, unknown>);
    waiters.splice(0).forEach((wake) => wake());
  });
  const nextWrite = async (count: number) => {
    while (written.length < count) await new Promise<void>((wake) => waiters.push(wake));
    return written[count - 1]!;
  };
  const send = (message: unknown) => fromServer.write(`${JSON.stringify(message)}\n`);
  return { client, notifications, nextWrite, send };
}

describe('JSON-RPC over stdio, as codex app-server speaks it', () => {
  it('matches answers to requests by id and rejects error answers', async () => {
    const { client, nextWrite, send } = pair();
    const first = client.request<{ ok: number }>('thread/start', { cwd: '/w' });
    const second = client.request('turn/start', {});
    expect(await nextWrite(1)).toEqual({ id: 1, method: 'thread/start', params: { cwd: '/w' } });
    expect(await nextWrite(2)).toMatchObject({ id: 2, method: 'turn/start' });
    send({ id: 2, error: { code: -32600, message: 'no active turn' } });
    send({ id: 1, result: { ok: 1 } });
    await expect(first).resolves.toEqual({ ok: 1 });
    await expect(second).rejects.toMatchObject({
      method: 'turn/start',
      code: -32600,
      message: 'no active turn',
    });
  });

  it('hands notifications over and answers server requests, with errors for unknown ones', async () => {
    const { notifications, nextWrite, send } = pair(async (method) => {
      if (method === 'item/fileChange/requestApproval') return { decision: 'accept' };
      throw methodNotFound(method);
    });
    send({ method: 'turn/started', params: { threadId: 't' } });
    send({ id: 0, method: 'item/fileChange/requestApproval', params: {} });
    expect(await nextWrite(1)).toEqual({ id: 0, result: { decision: 'accept' } });
    send({ id: 'x', method: 'item/tool/requestUserInput', params: {} });
    expect(await nextWrite(2)).toEqual({
      id: 'x',
      error: { code: -32601, message: 'Skein does not handle item/tool/requestUserInput.' },
    });
    expect(notifications).toEqual([['turn/started', { threadId: 't' }]]);
  });

  it('fails waiting requests when closed, and ignores lines that are not JSON', async () => {
    const { client, send } = pair();
    send('not json');
    const waiting = client.request('thread/resume', {});
    client.close(new Error('Codex exited'));
    await expect(waiting).rejects.toThrow('Codex exited');
    await expect(client.request('turn/start', {})).rejects.toThrow('Codex exited');
    expect(new JsonRpcError('m', 1, 'x')).toBeInstanceOf(Error);
  });
});
