import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRpcClient } from '../../src-shared/contract';
import { createWebSocketChannel } from '../../src-main/host/transports/websocket-channel';
import { serveTokenPath } from '../../src-main/host/serve/serve-token-file';
import { spawnSkein, type SkeinProcess } from '../support/skein-cli-process';
import { upgradeStatus } from '../support/ws-upgrade';

/**
 * `skein serve` keeps its token (and port) in the data folder: a restart after SIGKILL prints the same
 * URL and a client holding the old URL gets back in; `--new-token` ends every old URL. Real serve
 * child processes on 127.0.0.1, a stub UI folder (no build of the renderer needed).
 */

const URL_LINE = /^Skein serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/;

interface Started {
  process: SkeinProcess;
  url: string;
  port: number;
  token: string;
}

const dirs: string[] = [];
const running: SkeinProcess[] = [];
let rendererDir: string;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function startServe(dataDir: string, extraArgs: string[] = []): Promise<Started> {
  const child = spawnSkein(['serve', '--data', dataDir, ...extraArgs], { SKEIN_RENDERER_DIR: rendererDir });
  running.push(child);
  const line = await child.firstLine();
  const match = URL_LINE.exec(line);
  if (!match) throw new Error(`Unexpected first line: ${line}\nstderr:\n${child.stderr()}`);
  return { process: child, url: match[1] ?? '', port: Number(match[2]), token: match[3] ?? '' };
}

/** The upgrade a page of this serve would ask for, with `token`. */
const serveUpgrade = (port: number, token: string): Promise<number> =>
  upgradeStatus(`ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`, {
    origin: `http://127.0.0.1:${port}`,
  });

/** A WebSocket opened the way the page opens it: same host as the page URL, token from its query. */
function openLikeThePage(pageUrl: string): Promise<WebSocket> {
  const page = new URL(pageUrl);
  const socket = new WebSocket(
    `ws://${page.host}/rpc?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`,
    { origin: page.origin },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function fileMode(file: string): number {
  return statSync(file).mode & 0o777;
}

beforeAll(() => {
  rendererDir = tempDir('skein-token-ui-');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Skein</title>');
});

afterEach(async () => {
  for (const child of running.splice(0)) await child.stop('SIGKILL');
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('skein serve: the token survives restarts', () => {
  it('prints the same URL after SIGKILL and a restart, and the old URL connects again', async () => {
    const dataDir = tempDir('skein-token-data-');
    const first = await startServe(dataDir);
    expect(readFileSync(serveTokenPath(dataDir), 'utf8')).toBe(`${first.token}\n`);
    expect(fileMode(serveTokenPath(dataDir))).toBe(0o600);

    const socket = await openLikeThePage(first.url);
    const dropped = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(await first.process.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await dropped;

    const second = await startServe(dataDir);
    expect(second.url).toBe(first.url);
    // What a page left open does: reopen the socket from the URL it was loaded with.
    const again = createRpcClient(createWebSocketChannel(await openLikeThePage(first.url)));
    try {
      expect((await again.api.host.info({})).dataDir).toBe(dataDir);
    } finally {
      again.close();
    }
  });

  it('--new-token rotates the token and the old one is refused at once', async () => {
    const dataDir = tempDir('skein-token-data-');
    const first = await startServe(dataDir);
    // A clean stop keeps the token as a crash does (the restart below without the flag checks it).
    expect(await first.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const rotated = await startServe(dataDir, ['--new-token']);
    expect(rotated.token).not.toBe(first.token);
    expect(rotated.port).toBe(first.port);
    expect(readFileSync(serveTokenPath(dataDir), 'utf8').trim()).toBe(rotated.token);
    expect(await serveUpgrade(rotated.port, first.token)).toBe(401);
    expect(await serveUpgrade(rotated.port, rotated.token)).toBe(101);
    // The rotated token is the one kept from now on.
    await rotated.process.stop('SIGTERM');
    expect((await startServe(dataDir)).token).toBe(rotated.token);
  });

  it.each([
    ['malformed', 'not a token at all\n'],
    ['short', 'abc\n'],
  ])('replaces a %s token file with a fresh token and a warning', async (_label, contents) => {
    const dataDir = tempDir('skein-token-data-');
    writeFileSync(serveTokenPath(dataDir), contents, { mode: 0o600 });
    const started = await startServe(dataDir);
    expect(started.token).not.toBe(contents.trim());
    expect(readFileSync(serveTokenPath(dataDir), 'utf8')).toBe(`${started.token}\n`);
    expect(fileMode(serveTokenPath(dataDir))).toBe(0o600);
    expect(started.process.stderr()).toMatch(/serve token file .* is malformed; replacing it/);
  });

  it('replaces a well-formed token file that other users could read', async () => {
    const dataDir = tempDir('skein-token-data-');
    const known = 'K'.repeat(43);
    writeFileSync(serveTokenPath(dataDir), `${known}\n`);
    chmodSync(serveTokenPath(dataDir), 0o644);
    const replaced = await startServe(dataDir);
    expect(replaced.token).not.toBe(known);
    expect(fileMode(serveTokenPath(dataDir))).toBe(0o600);
    expect(replaced.process.stderr()).toMatch(/readable by other users; replacing it/);
  });
});
