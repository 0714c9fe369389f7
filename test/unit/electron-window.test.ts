import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  developmentContentSecurityPolicy,
  WINDOW_CONTENT_SECURITY_POLICY,
} from '../../src-main/electron/content-security-policy';
import {
  guardAllWebContents,
  guardSession,
  hardenWebContents,
  isExternalWebLink,
} from '../../src-main/electron/security';
import { mainWindowOptions } from '../../src-main/electron/window-options';
import { app, FakeSession, FakeWebContents, resetElectronStub, shell } from '../support/electron-stub';

const asWebContents = (fake: FakeWebContents) => fake as unknown as WebContents;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

beforeEach(() => resetElectronStub());

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs');
  const prefs = options.webPreferences ?? {};

  it('writes out every security-relevant webPreference', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('starts hidden so no blank window flashes', () => {
    expect(options.show).toBe(false);
  });
});

describe('window content security policy', () => {
  const policy = directives(WINDOW_CONTENT_SECURITY_POLICY);

  it('allows only our own scripts: no eval, no inline', () => {
    expect(WINDOW_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('lets Monaco start its bundled worker (no blob: workers) and nothing talk to the network', () => {
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, base rewriting and framing', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('in development opens only the dev server origin for hot reload', () => {
    const dev = directives(developmentContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect([...dev.values()].flat()).not.toContain("'unsafe-eval'");
  });
});

describe('web contents guard', () => {
  it('denies every navigation', () => {
    const contents = new FakeWebContents('file:///app/index.html');
    hardenWebContents(asWebContents(contents));
    expect(contents.emitCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('denies window.open and sends only http(s) links to the browser', async () => {
    const contents = new FakeWebContents();
    // Each link a few seconds after the last, so the one-a-second limit never applies here.
    let clock = 0;
    hardenWebContents(asWebContents(contents), () => (clock += 5_000));
    const open = contents.windowOpenHandler;
    expect(open).not.toBeNull();
    for (const url of [
      'https://github.com/x',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ]) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(shell.opened).toEqual(['https://github.com/x', 'http://example.com/']);
  });

  it('blocks <webview>', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));
    expect(contents.emitCancellable('will-attach-webview')).toBe(true);
  });

  it('guards every webContents the app creates', () => {
    guardAllWebContents(app as unknown as App);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.emitCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
  });

  it('recognises only http and https as external links', () => {
    expect(isExternalWebLink('https://a.example')).toBe(true);
    expect(isExternalWebLink('HTTP://A.EXAMPLE')).toBe(true);
    expect(isExternalWebLink('file:///x')).toBe(false);
    expect(isExternalWebLink('mailto:a@b.c')).toBe(false);
  });
});

describe('session guard', () => {
  const install = () => {
    const fake = new FakeSession();
    guardSession(fake as unknown as Session, WINDOW_CONTENT_SECURITY_POLICY);
    return fake;
  };

  it('denies every permission request and check', () => {
    const fake = install();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      fake.permissionRequestHandler?.({}, permission, (answer) => (granted = answer), {});
      expect(granted, permission).toBe(false);
      expect(fake.permissionCheckHandler?.({}, permission, 'file://', {}), permission).toBe(false);
    }
  });

  it('puts the CSP header on documents and leaves other responses alone', () => {
    const fake = install();
    let documentHeaders: Record<string, string[]> | undefined;
    fake.headersReceived?.(
      { url: 'http://localhost:5173/', resourceType: 'mainFrame', responseHeaders: { 'X-Other': ['1'] } },
      (response) => {
        documentHeaders = response.responseHeaders;
      },
    );
    expect(documentHeaders?.['Content-Security-Policy']).toEqual([WINDOW_CONTENT_SECURITY_POLICY]);
    expect(documentHeaders?.['X-Other']).toEqual(['1']);

    let scriptResponse: unknown;
    fake.headersReceived?.(
      { url: 'http://localhost:5173/main.js', resourceType: 'script' },
      (response) => (scriptResponse = response),
    );
    expect(scriptResponse).toEqual({});
  });
});
