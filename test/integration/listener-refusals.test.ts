import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlSocket, type ControlSocket } from '../../src-main/host/control-socket';
import { controlSocketPath, controlTokenPath } from '../../src-main/host/control-socket-files';
import { startMcpHttpServer, type McpHttpServer } from '../../src-main/host/mcp/http-server';
import { startServeServer, type ServeServer } from '../../src-main/host/serve/serve-server';
import { tokensMatch } from '../../src-main/host/serve/rpc-upgrade';
import { upgradeStatus } from '../support/ws-upgrade';
import {
  createChannelPair,
  createRpcClient,
  type MessageChannel,
  type RpcClient,
} from '../../src-shared/contract';

/**
 * Every refusal of every network listener, each against a request that is otherwise valid (so the one
 * wrong thing is what is refused), next to the same request done right (so the test can fail).
 * Servers run in this process on 127.0.0.1: seconds, no host or agent needed.
 */

interface HttpAnswer {
  status: number;
  body: string;
}

/** node:http sends the Host header exactly as given (fetch would replace it). */
function httpRequest(
  port: number,
  options: { method?: string; path: string; headers: Record<string, string>; body?: string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A token of the same length as `token` that differs in its last character. */
function sameLengthWrong(token: string): string {
  return `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('token comparison', () => {
  it('compares in constant time whatever the lengths, without throwing on a length mismatch', () => {
    const token = 'a'.repeat(43);
    expect(tokensMatch(token, token)).toBe(true);
    // timingSafeEqual alone throws on unequal lengths; both sides are hashed first.
    for (const guess of ['', 'a', token.slice(0, -1), `${token}a`, 'b'.repeat(43), 'a'.repeat(1_000)])
      expect(tokensMatch(token, guess), JSON.stringify(guess.slice(0, 50))).toBe(false);
  });
});

describe('skein serve listener', () => {
  let serve: ServeServer;
  const accepted: MessageChannel[] = [];
  let port: number;
  let origin: string;
  let host: string;
  const rpcUrl = (token: string | null) =>
    `ws://127.0.0.1:${port}/rpc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

  beforeAll(async () => {
    const rendererRoot = tempDir('skein-refusals-ui-');
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Skein</title>');
    serve = await startServeServer({
      bindHost: '127.0.0.1',
      port: 0,
      rendererRoot,
      connect: (channel) => accepted.push(channel),
    });
    port = serve.port;
    host = `127.0.0.1:${port}`;
    origin = `http://${host}`;
  });
  afterAll(async () => {
    for (const channel of accepted) channel.close();
    await serve.close();
  });

  it('listens on loopback and prints a loopback URL', () => {
    expect(new URL(serve.url).hostname).toBe('127.0.0.1');
  });

  it('accepts the right token, Origin and Host (the control for every refusal below)', async () => {
    expect(await upgradeStatus(rpcUrl(serve.token), { origin, host })).toBe(101);
    expect(await upgradeStatus(rpcUrl(serve.token), { origin: `http://localhost:${port}` })).toBe(101);
  });

  it.each([
    ['no token', null],
    ['an empty token', ''],
    ['a wrong token of the same length', 'same-length'],
    ['the token minus its last character', 'shorter'],
    ['the token with one more character', 'longer'],
    ['a much longer token', 'x'.repeat(4_096)],
  ])('refuses a WebSocket with %s (401)', async (_label, kind) => {
    const token =
      kind === 'same-length'
        ? sameLengthWrong(serve.token)
        : kind === 'shorter'
          ? serve.token.slice(0, -1)
          : kind === 'longer'
            ? `${serve.token}A`
            : kind;
    expect(await upgradeStatus(rpcUrl(token), { origin, host })).toBe(401);
  });

  it.each([
    ['a foreign site', 'http://evil.example'],
    ['a foreign site on our port', 'http://evil.example:PORT'],
    ['a rebinding name that embeds 127.0.0.1', 'http://127.0.0.1.nip.io:PORT'],
    ['another local port', 'http://127.0.0.1:OTHER'],
    ['https on our host (never served)', 'https://127.0.0.1:PORT'],
    ['an opaque origin (sandboxed frame, file://)', 'null'],
    ['no Origin at all', undefined],
  ])('refuses a WebSocket from %s even with the token (403)', async (_label, template) => {
    const bad = template?.replace('PORT', String(port)).replace('OTHER', String(port + 1));
    expect(await upgradeStatus(rpcUrl(serve.token), { origin: bad, host })).toBe(403);
  });

  it.each([
    ['a foreign name on our port', 'evil.example:PORT'],
    ['a rebinding name that embeds 127.0.0.1', '127.0.0.1.nip.io:PORT'],
    ['localhost as a subdomain of a foreign site', 'localhost.evil.example:PORT'],
    ['our address on another port', '127.0.0.1:OTHER'],
  ])('refuses a Host header naming %s, on the WebSocket and on files (403)', async (_label, template) => {
    const bad = template.replace('PORT', String(port)).replace('OTHER', String(port + 1));
    expect(await upgradeStatus(rpcUrl(serve.token), { origin, host: bad })).toBe(403);
    expect((await httpRequest(port, { path: '/', headers: { host: bad } })).status).toBe(403);
  });

  it('serves files to its own Host name', async () => {
    expect((await httpRequest(port, { path: '/', headers: { host } })).status).toBe(200);
  });
});

describe('skein mcp --http listener', () => {
  const INITIALIZE = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
  });
  let mcp: McpHttpServer;
  let rpc: RpcClient;
  let peer: MessageChannel;
  let port: number;

  beforeAll(async () => {
    // The refusals never reach the host; the accepted initialize does not call it either.
    const [ours, theirs] = createChannelPair();
    peer = theirs;
    rpc = createRpcClient(ours);
    mcp = await startMcpHttpServer({ rpc, port: 0 });
    port = Number(new URL(mcp.url).port);
  });
  afterAll(async () => {
    await mcp.close();
    rpc.close();
    peer.close();
  });

  const initialize = (headers: Record<string, string>) =>
    httpRequest(port, {
      method: 'POST',
      path: '/mcp',
      headers: {
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: INITIALIZE,
    });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(mcp.url).hostname).toBe('127.0.0.1');
  });

  it('accepts the right bearer token (the control for every refusal below)', async () => {
    const answer = await initialize({ authorization: `Bearer ${mcp.token}` });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['the token without the Bearer scheme', 'TOKEN'],
    ['a wrong token of the same length', 'Bearer SAME'],
    ['the token minus its last character', 'Bearer SHORTER'],
    ['the token with one more character', 'Bearer TOKENA'],
  ])('refuses %s (401)', async (_label, template) => {
    const value = template
      ?.replace('SAME', sameLengthWrong(mcp.token))
      .replace('SHORTER', mcp.token.slice(0, -1))
      .replace('TOKEN', mcp.token);
    const answer = await initialize(value === undefined ? {} : { authorization: value });
    expect(answer.status).toBe(401);
  });

  it.each([
    ['a foreign site', 'http://evil.example'],
    ['a rebinding name that embeds 127.0.0.1', 'http://127.0.0.1.nip.io:PORT'],
    ['localhost as a subdomain of a foreign site', 'http://localhost.evil.example:PORT'],
    ['an opaque origin (sandboxed frame, file://)', 'null'],
    ['a file: page', 'file:///home/me/evil.html'],
  ])('refuses a browser Origin of %s even with the token (403)', async (_label, template) => {
    const answer = await initialize({
      authorization: `Bearer ${mcp.token}`,
      origin: template.replace('PORT', String(port)),
    });
    expect(answer.status).toBe(403);
  });

  it.each([
    ['a foreign name on our port', 'evil.example:PORT'],
    ['a rebinding name that embeds 127.0.0.1', '127.0.0.1.nip.io:PORT'],
    ['our address on another port', '127.0.0.1:OTHER'],
  ])('refuses a Host header naming %s even with the token (403)', async (_label, template) => {
    const answer = await initialize({
      authorization: `Bearer ${mcp.token}`,
      host: template.replace('PORT', String(port)).replace('OTHER', String(port + 1)),
    });
    expect(answer.status).toBe(403);
  });
});

describe('host control socket', () => {
  let dataDir: string;
  let socket: ControlSocket;
  const accepted: MessageChannel[] = [];

  beforeAll(async () => {
    dataDir = tempDir('skein-refusals-ctl-');
    socket = await startControlSocket({ dataDir, connect: (channel) => accepted.push(channel) });
  });
  afterAll(async () => {
    for (const channel of accepted) channel.close();
    await socket.close();
  });

  /** Sends one authenticate frame and resolves with the first answer line. */
  function authenticate(token: string): Promise<{ result?: unknown; error?: { message: string } }> {
    return new Promise((resolve, reject) => {
      const client = connect(controlSocketPath(dataDir));
      let received = '';
      client.setEncoding('utf8');
      client.on('error', reject);
      client.on('data', (chunk: string) => {
        received += chunk;
        const newline = received.indexOf('\n');
        if (newline < 0) return;
        client.destroy();
        resolve(JSON.parse(received.slice(0, newline)) as { result?: unknown; error?: { message: string } });
      });
      client.on('connect', () =>
        client.write(
          `${JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'control/authenticate', params: { token } })}\n`,
        ),
      );
    });
  }

  it('is a socket file only its owner can open: no TCP port a browser or another machine could reach', () => {
    if (process.platform === 'win32') return;
    expect(statSync(socket.path).isSocket()).toBe(true);
    expect(statSync(socket.path).mode & 0o777).toBe(0o600);
  });

  it('accepts the token from host.token and refuses any other of any length', async () => {
    const token = readFileSync(controlTokenPath(dataDir), 'utf8').trim();
    expect(await authenticate(token)).toMatchObject({ result: { ok: true } });
    for (const wrong of [sameLengthWrong(token), token.slice(0, -1), `${token}0`, ''])
      expect((await authenticate(wrong)).error?.message, wrong).toMatch(/token/i);
  });
});
