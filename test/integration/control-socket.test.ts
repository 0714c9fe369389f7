import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectControlSocket } from '../../src-main/host/control-socket-client';
import { startControlSocket, type ControlSocket } from '../../src-main/host/control-socket';
import { controlSocketPath, controlTokenPath } from '../../src-main/host/control-socket-files';
import { createHost, type Host } from '../../src-main/host/create-host';
import { SkeinError, type RpcClient } from '../../src-shared/contract';
import { frame, parseAnswers, rawControlExchange } from '../support/control-socket-fixtures';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
let host: Host | undefined;
let socket: ControlSocket | undefined;
const clients: RpcClient[] = [];

async function startHost(prepare?: (dataDir: string) => void): Promise<string> {
  const dataDir = dirs.make('skein-ctl-');
  prepare?.(dataDir);
  host = await createHost({ dataDir, shell: '/bin/sh' });
  const started = host;
  socket = await startControlSocket({ dataDir, connect: (channel) => void started.connect(channel) });
  return dataDir;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await socket?.close();
  socket = undefined;
  await host?.dispose();
  host = undefined;
  dirs.cleanup();
});

describe('the host control socket', () => {
  it('is a 0600 socket with a 0600 hex token file, and a client with the token speaks the contract', async () => {
    const dataDir = await startHost();
    const path = controlSocketPath(dataDir);
    expect(path).toBe(join(dataDir, 'host.sock'));
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(controlTokenPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(controlTokenPath(dataDir), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);

    const rpc = await connectControlSocket(dataDir);
    clients.push(rpc);
    expect((await rpc.api.host.info({})).dataDir).toBe(dataDir);
  });

  it('answers requests sent in the same write as the token', async () => {
    const dataDir = await startHost();
    const token = readFileSync(controlTokenPath(dataDir), 'utf8').trim();
    const client = connect(controlSocketPath(dataDir));
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      client.setEncoding('utf8');
      client.on('error', reject);
      client.on('data', (chunk: string) => {
        received += chunk;
        if (received.includes('"id":7')) resolve(received);
      });
      client.on('connect', () =>
        client.write(
          frame({ id: 0, method: 'control/authenticate', params: { token } }) +
            frame({ id: 7, method: 'host/info', params: {} }),
        ),
      );
    });
    client.destroy();
    const lines = answer
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id?: number });
    expect(lines[0]).toMatchObject({ id: 0, result: { ok: true } });
    expect(lines.find((line) => line.id === 7)).toMatchObject({ result: { dataDir } });
  });

  it('refuses a wrong token and a first frame without one, with a JSON-RPC error, then closes', async () => {
    const dataDir = await startHost();
    const wrong = await rawControlExchange(
      dataDir,
      frame({ id: 0, method: 'control/authenticate', params: { token: 'f'.repeat(64) } }) +
        frame({ id: 1, method: 'host/info', params: {} }),
    );
    const [refusal, ...rest] = parseAnswers(wrong);
    expect(rest).toEqual([]);
    expect(refusal?.id).toBe(0);
    expect(refusal?.error).toMatchObject({ code: -32012, data: { kind: 'UNAUTHORIZED' } });
    expect(refusal?.error?.message).toMatch(/wrong token/i);

    const none = parseAnswers(
      await rawControlExchange(dataDir, frame({ id: 3, method: 'host/info', params: {} })),
    );
    expect(none.map((answer) => [answer.id, answer.error?.code])).toEqual([[3, -32012]]);

    const refused = await connectControlSocket(dataDir, { token: 'not-it' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SkeinError);
    expect((refused as SkeinError).kind).toBe('UNAUTHORIZED');
    expect((refused as SkeinError).message).toMatch(/refused the connection: wrong token/i);
  });

  it('replaces a stale socket file, and removes its socket and token when closed', async () => {
    const dataDir = await startHost((dir) => writeFileSync(join(dir, 'host.sock'), 'left by a crashed host'));
    expect(statSync(controlSocketPath(dataDir)).isSocket()).toBe(true);
    const rpc = await connectControlSocket(dataDir);
    const closed = new Promise<string | undefined>((resolve) => rpc.onClose(resolve));
    await socket?.close();
    expect(await closed).toBeDefined();
    expect(existsSync(controlSocketPath(dataDir))).toBe(false);
    expect(existsSync(controlTokenPath(dataDir))).toBe(false);
    await expect(connectControlSocket(dataDir)).rejects.toMatchObject({ kind: 'UNAUTHORIZED' });
  });
});
