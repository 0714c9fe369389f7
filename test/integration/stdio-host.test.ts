import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRpcClient,
  ERROR_CODES,
  RpcError,
  type MethodName,
  type RpcClient,
} from '../../src-shared/contract';
import { createStdioChannel, type StdioChannel } from '../../src-main/host/transports/stdio-channel';
import { spawnSkein, type SkeinProcess } from '../support/skein-cli-process';

interface Frame {
  jsonrpc?: string;
  id?: unknown;
  error?: { code: number; message: string; data?: { kind?: string } };
}

let dataDir: string;
let host: SkeinProcess;
let channel: StdioChannel;
let client: RpcClient;
const frames: Frame[] = [];

function nextFrame(matches: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const found = frames.find(matches);
    if (found) return resolve(found);
    const timer = setTimeout(() => {
      off();
      reject(new Error('No matching frame from the host'));
    }, timeoutMs);
    const off = channel.onMessage((text) => {
      const frame = JSON.parse(text) as Frame;
      if (!matches(frame)) return;
      clearTimeout(timer);
      off();
      resolve(frame);
    });
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'skein-stdio-host-'));
  host = spawnSkein(['host', '--stdio', '--data', dataDir]);
  channel = createStdioChannel({ input: host.child.stdout, output: host.child.stdin, ownsStreams: true });
  channel.onMessage((text) => frames.push(JSON.parse(text) as Frame));
  client = createRpcClient(channel);
});

afterAll(async () => {
  await host?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('skein host --stdio', () => {
  it('answers host/info', async () => {
    const info = await client.api.host.info({});
    expect(info.dataDir).toBe(dataDir);
    expect(info.platform).toBe(process.platform);
  });

  it('reports its memory, after a full collection when asked', async () => {
    const before = await client.api.host.memory({});
    const kept = await client.api.host.memory({ collect: true });
    expect(before.collected).toBe(false);
    expect(kept.collected).toBe(true);
    expect(kept.heapUsedBytes).toBeGreaterThan(0);
    expect(kept.heapTotalBytes).toBeGreaterThanOrEqual(kept.heapUsedBytes);
    expect(kept.rssBytes).toBeGreaterThan(kept.heapTotalBytes);
    // Answering RPCs leaves garbage behind, so a real collection always finds some.
    expect(kept.heapUsedBytes).toBeLessThan(before.heapUsedBytes);
    // No terminal has opened, so no screen-mirror worker runs yet.
    expect(kept.mirrorHeapUsedBytes).toBeNull();
  });

  it('answers malformed JSON with PARSE_ERROR and keeps going', async () => {
    channel.send('{"jsonrpc":"2.0","id":');
    const frame = await nextFrame((candidate) => candidate.error?.code === ERROR_CODES.PARSE_ERROR);
    expect(frame).toMatchObject({ jsonrpc: '2.0', id: null, error: { data: { kind: 'PARSE_ERROR' } } });
    await expect(client.api.host.info({})).resolves.toMatchObject({ dataDir });
  });

  it('answers an unknown method with METHOD_NOT_FOUND', async () => {
    const error = await client.call('nope/nothing' as MethodName, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).kind).toBe('METHOD_NOT_FOUND');
  });

  it('answers bad params with INVALID_PARAMS', async () => {
    const error = await client
      .call('host/info', { surprise: true } as never)
      .catch((caught: unknown) => caught);
    expect((error as RpcError).kind).toBe('INVALID_PARAMS');
  });

  it('reads a frame far larger than a pipe buffer', async () => {
    const hugePath = 'x'.repeat(3 * 1024 * 1024);
    const error = await client.api.project.add({ path: hugePath }).catch((caught: unknown) => caught);
    expect((error as RpcError).kind).toBe('INVALID_PARAMS');
  });

  it('exits 0 when stdin closes, having written nothing but JSON-RPC to stdout', async () => {
    channel.close();
    const result = await host.exited;
    expect(result).toEqual({ code: 0, signal: null });
    const lines = host.stdout().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(frames.length);
    for (const line of lines) {
      const frame = JSON.parse(line) as Frame;
      expect(frame.jsonrpc).toBe('2.0');
      expect('id' in frame || 'method' in frame).toBe(true);
    }
  });
});

describe('skein host --stdio signals', () => {
  it('disposes and exits 0 on SIGINT and on SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'skein-stdio-signal-'));
      const proc = spawnSkein(['host', '--stdio', '--data', dir]);
      try {
        const pipe = createStdioChannel({
          input: proc.child.stdout,
          output: proc.child.stdin,
          ownsStreams: true,
        });
        await expect(createRpcClient(pipe).api.host.info({})).resolves.toMatchObject({ dataDir: dir });
        expect(await proc.stop(signal), signal).toEqual({ code: 0, signal: null });
      } finally {
        await proc.stop('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe('skein CLI process', () => {
  it('exits 2 with the usage for an unknown command', async () => {
    const cli = spawnSkein(['frobnicate']);
    const result = await cli.exited;
    expect(result.code).toBe(2);
    expect(cli.stderr()).toContain('unknown command "frobnicate"');
    expect(cli.stderr()).toContain('Usage: skein <command>');
    expect(cli.stdout()).toBe('');
  });
});
