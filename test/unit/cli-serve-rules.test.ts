import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, displayHost, isLoopbackHost } from '../../src-main/host/serve/loopback';
import { checkRpcUpgrade, createServeToken, tokensMatch } from '../../src-main/host/serve/rpc-upgrade';
import { serveContentSecurityPolicy } from '../../src-main/host/serve/security-headers';
import { mimeTypeFor, staticTargetFor } from '../../src-main/host/serve/static-files';

describe('loopback rules', () => {
  it('knows which hosts only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.5',
      'example.com',
      '127.0.0.1.nip.io',
      'localhost.evil.com',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('accepts Host headers naming loopback with the right port only', () => {
    const allowed = allowedHostHeaders('127.0.0.1', 4321);
    expect([...allowed].sort()).toEqual(['127.0.0.1:4321', '[::1]:4321', 'localhost:4321']);
    expect(allowedHostHeaders('10.0.0.7', 80).has('10.0.0.7:80')).toBe(true);
  });

  it('prints a loopback URL for loopback and wildcard binds', () => {
    expect(displayHost('127.0.0.1')).toBe('127.0.0.1');
    expect(displayHost('0.0.0.0')).toBe('127.0.0.1');
    expect(displayHost('::1')).toBe('[::1]');
  });
});

describe('WebSocket upgrade check', () => {
  const token = createServeToken();
  const rules = { token, allowedHosts: allowedHostHeaders('127.0.0.1', 5000) };
  const good = { host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' };

  it('makes 32-byte tokens and compares them exactly', () => {
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createServeToken()).not.toBe(token);
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token, `${token}x`)).toBe(false);
    expect(tokensMatch(token, '')).toBe(false);
  });

  it('accepts the right token from our own origin', () => {
    expect(checkRpcUpgrade(`/rpc?token=${token}`, good, rules)).toEqual({ ok: true });
    expect(
      checkRpcUpgrade(
        `/rpc?token=${token}`,
        { host: 'localhost:5000', origin: 'http://localhost:5000' },
        rules,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses every variation', () => {
    const cases: [string, Record<string, string>, number][] = [
      ['/rpc', good, 401],
      ['/rpc?token=wrong', good, 401],
      [`/other?token=${token}`, good, 404],
      [`/rpc?token=${token}`, { host: '127.0.0.1:5000' }, 403],
      [`/rpc?token=${token}`, { ...good, origin: 'http://evil.example' }, 403],
      [`/rpc?token=${token}`, { ...good, origin: 'http://127.0.0.1:5001' }, 403],
      [`/rpc?token=${token}`, { ...good, origin: 'https://127.0.0.1:5000' }, 403],
      [`/rpc?token=${token}`, { ...good, origin: 'null' }, 403],
      [`/rpc?token=${token}`, { ...good, host: 'evil.example:5000' }, 403],
      [`/rpc?token=${token}`, { ...good, host: '127.0.0.1:80' }, 403],
      [`/rpc?token=${token}`, { origin: good.origin }, 403],
    ];
    for (const [url, headers, status] of cases) {
      const verdict = checkRpcUpgrade(url, headers, rules);
      expect(verdict.ok, `${url} ${JSON.stringify(headers)}`).toBe(false);
      if (!verdict.ok) expect(verdict.status, `${url} ${JSON.stringify(headers)}`).toBe(status);
    }
  });
});

describe('static file targets', () => {
  it('maps paths under the renderer root', () => {
    expect(staticTargetFor('/')).toEqual({ kind: 'file', relativePath: 'index.html' });
    expect(staticTargetFor('/assets/app.js?v=1')).toEqual({ kind: 'file', relativePath: 'assets/app.js' });
    expect(staticTargetFor('/threads/abc')).toEqual({ kind: 'file', relativePath: 'threads/abc' });
    expect(staticTargetFor('/a/./b//c.css')).toEqual({ kind: 'file', relativePath: 'a/b/c.css' });
  });

  it('refuses traversal, encoded or not, and odd characters', () => {
    for (const url of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/%2E%2E/%2E%2E/x',
      '/a/..',
      '/%5c..%5cx',
      '/x%00.js',
      '/%E0%A4%A',
      'package.json',
    ]) {
      expect(staticTargetFor(url).kind, url).toBe('bad-request');
    }
  });

  it('names MIME types', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('f.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream');
  });

  it('builds the serve CSP around the validated host', () => {
    const csp = serveContentSecurityPolicy('127.0.0.1:5000');
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5000");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
