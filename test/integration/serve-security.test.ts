import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRpcClient } from '../../src-shared/contract';
import { createWebSocketChannel } from '../../src-main/host/transports/websocket-channel';
import { spawnSkein, type SkeinProcess } from '../support/skein-cli-process';

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes on the wire exactly as given (fetch would normalise `..` away). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type UpgradeOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number };

function tryUpgrade(url: string, options: { origin?: string; host?: string }): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.host ? { headers: { Host: options.host } } : {}),
    });
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

let dataDir: string;
let rendererDir: string;
let outsideDir: string;
let serve: SkeinProcess;
let port: number;
let token: string;
let origin: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'skein-serve-data-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'skein-serve-ui-'));
  outsideDir = mkdtempSync(join(tmpdir(), 'skein-serve-outside-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Skein</title><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("skein");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(outsideDir, 'secret.txt'), 'TOP-SECRET');
  symlinkSync(join(outsideDir, 'secret.txt'), join(rendererDir, 'assets', 'leak.txt'));

  serve = spawnSkein(['serve', '--data', dataDir], { SKEIN_RENDERER_DIR: rendererDir });
  const line = await serve.firstLine();
  const match = /^Skein serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(line);
  expect(match, line).not.toBeNull();
  port = Number(match?.[1]);
  token = match?.[2] ?? '';
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  const result = await serve?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(outsideDir, { recursive: true, force: true });
  expect(result).toEqual({ code: 0, signal: null });
  expect(serve.stdout().trim().split('\n')).toHaveLength(1);
});

describe('skein serve: WebSocket door', () => {
  const rpcUrl = (query: string) => `ws://127.0.0.1:${port}/rpc${query}`;

  it('refuses a connection without a token', async () => {
    expect(await tryUpgrade(rpcUrl(''), { origin })).toEqual({ opened: false, status: 401 });
  });

  it('refuses a wrong token', async () => {
    expect(await tryUpgrade(rpcUrl('?token=not-the-token'), { origin })).toEqual({
      opened: false,
      status: 401,
    });
    const almost = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await tryUpgrade(rpcUrl(`?token=${almost}`), { origin })).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign or missing Origin even with the token', async () => {
    expect(await tryUpgrade(rpcUrl(`?token=${token}`), { origin: 'http://evil.example' })).toEqual({
      opened: false,
      status: 403,
    });
    expect(await tryUpgrade(rpcUrl(`?token=${token}`), { origin: `http://127.0.0.1:${port + 1}` })).toEqual({
      opened: false,
      status: 403,
    });
    expect(await tryUpgrade(rpcUrl(`?token=${token}`), {})).toEqual({ opened: false, status: 403 });
  });

  it('refuses a Host header that does not name this server (DNS rebinding)', async () => {
    expect(
      await tryUpgrade(rpcUrl(`?token=${token}`), { origin, host: `rebind.evil.example:${port}` }),
    ).toEqual({ opened: false, status: 403 });
    expect(
      await tryUpgrade(rpcUrl(`?token=${token}`), {
        origin: `http://rebind.evil.example:${port}`,
        host: `rebind.evil.example:${port}`,
      }),
    ).toEqual({
      opened: false,
      status: 403,
    });
  });

  it('answers host/info through the typed client over a real WebSocket', async () => {
    for (const allowedOrigin of [origin, `http://localhost:${port}`]) {
      const outcome = await tryUpgrade(rpcUrl(`?token=${token}`), { origin: allowedOrigin });
      expect(outcome.opened).toBe(true);
      if (!outcome.opened) return;
      const client = createRpcClient(createWebSocketChannel(outcome.socket));
      const info = await client.api.host.info({});
      expect(info.dataDir).toBe(dataDir);
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      client.close();
    }
  });

  it('closes a connection that sends more than the payload limit', async () => {
    const outcome = await tryUpgrade(rpcUrl(`?token=${token}`), { origin });
    expect(outcome.opened).toBe(true);
    if (!outcome.opened) return;
    const closed = new Promise<number>((resolve) => outcome.socket.once('close', (code) => resolve(code)));
    outcome.socket.send('x'.repeat(9 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});

describe('skein serve: static files', () => {
  it('serves the UI with a strict CSP and security headers', async () => {
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        `font-src 'self' data:; connect-src 'self' ws://127.0.0.1:${port}; worker-src 'self'; object-src 'none'; ` +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<title>Skein</title>');
  });

  it('sends the right MIME types', async () => {
    expect((await get(port, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client-side routes, but not for missing files', async () => {
    const route = await get(port, '/threads/abc');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Skein</title>');
    expect((await get(port, '/assets/missing.js')).status).toBe(404);
  });

  it('refuses directory traversal, plain and encoded', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/assets/../../package.json',
      `/..%2f..%2f..%2f..%2f..%2f..%2f${encodeURIComponent(outsideDir.slice(1))}%2fsecret.txt`,
    ];
    for (const path of attempts) {
      const result = await get(port, path);
      expect(result.status, path).toBeGreaterThanOrEqual(400);
      expect(result.body, path).not.toContain('"name": "skein"');
      expect(result.body, path).not.toContain('TOP-SECRET');
    }
  });

  it('does not follow a symlink out of the UI folder', async () => {
    const result = await get(port, '/assets/leak.txt');
    expect(result.status).toBe(404);
    expect(result.body).not.toContain('TOP-SECRET');
  });

  it('refuses requests whose Host header names another site', async () => {
    const result = await get(port, '/', { Host: `rebind.evil.example:${port}` });
    expect(result.status).toBe(403);
    expect(result.body).not.toContain('<title>Skein</title>');
  });

  it('answers plain HTTP on /rpc with 426 and refuses methods other than GET/HEAD', async () => {
    expect((await get(port, `/rpc?token=${token}`)).status).toBe(426);
    const post = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(post).toBe(405);
  });
});

describe('skein serve: start-up checks', () => {
  it('refuses a non-loopback address without --allow-remote, with a clear message', async () => {
    const remote = spawnSkein(['serve', '--host', '0.0.0.0', '--data', dataDir], {
      SKEIN_RENDERER_DIR: rendererDir,
    });
    const result = await remote.exited;
    expect(result.code).toBe(2);
    expect(remote.stderr()).toMatch(/Refusing to listen on 0\.0\.0\.0/);
    expect(remote.stderr()).toMatch(/--allow-remote/);
    expect(remote.stdout()).toBe('');
  });

  it('says to build first when the UI is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'skein-serve-empty-'));
    try {
      const missing = spawnSkein(['serve', '--data', dataDir], { SKEIN_RENDERER_DIR: empty });
      const result = await missing.exited;
      expect(result.code).toBe(1);
      expect(missing.stderr()).toMatch(/npm run build/);
      expect(missing.stdout()).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
