import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { WINDOW_CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy';
import {
  guardAllWebContents,
  guardSession,
  hardenWebContents,
  isExternalWebLink,
  openExternalWebLink,
} from '../../src-main/electron/security';
import { app, FakeSession, FakeWebContents, resetElectronStub, shell } from '../support/electron-stub';

const asWebContents = (fake: FakeWebContents) => fake as unknown as WebContents;
const repo = resolve(__dirname, '../..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(repo, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every TypeScript file of main and preload (the renderer cannot import electron: eslint forbids it). */
const ELECTRON_SIDE = [...sourcesUnder('src-main'), ...sourcesUnder('src-preload')];

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

beforeEach(() => resetElectronStub());

describe('windows', () => {
  it('every window or view main creates takes its options from mainWindowOptions', () => {
    const constructions: string[] = [];
    for (const file of ELECTRON_SIDE) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(([^;\n]*)/g))
        constructions.push(`${relative(repo, file)}: ${match[0]}`);
    }
    expect(constructions.length).toBeGreaterThan(0);
    for (const construction of constructions)
      expect(construction).toMatch(/new\s+BrowserWindow\(mainWindowOptions\(/);
  });
});

describe('links to the outside', () => {
  it('opens only absolute http(s) links, never files, scripts, other schemes or hidden credentials', () => {
    const refused = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://host/share',
      'ms-settings:privacy',
      'vscode://file/etc/passwd',
      'skein://open',
      'mailto:a@b.example',
      '//evil.example/path',
      '/relative/path',
      'https://user:password@evil.example/',
      'https://trusted.example@evil.example/',
      `https://a.example/${'x'.repeat(5_000)}`,
      '',
    ];
    for (const url of refused) {
      expect(isExternalWebLink(url), url).toBe(false);
      expect(openExternalWebLink(url), url).toBe(false);
    }
    expect(shell.opened).toEqual([]);
    expect(openExternalWebLink('https://github.com/owner/repo/pull/1')).toBe(true);
    expect(shell.opened).toEqual(['https://github.com/owner/repo/pull/1']);
  });

  it('main calls shell.openExternal in one place only, the checked one', () => {
    const callers = ELECTRON_SIDE.filter((file) => readFileSync(file, 'utf8').includes('openExternal('));
    expect(callers.map((file) => relative(repo, file).replaceAll('\\', '/'))).toEqual([
      'src-main/electron/security.ts',
    ]);
  });

  it('opens at most one link a second per page, since main cannot see whether the user clicked', async () => {
    const contents = new FakeWebContents();
    let clock = 10_000;
    hardenWebContents(asWebContents(contents), () => clock);
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://a.example/1')).toEqual({ action: 'deny' });
    clock += 100;
    open('https://a.example/2');
    clock += 899;
    open('https://a.example/3');
    clock += 1;
    open('https://a.example/4');
    clock += 500;
    open('https://a.example/5');
    await settle();
    // 2 and 3 come within a second of 1; 4 a second after it; 5 within a second of 4.
    expect(shell.opened).toEqual(['https://a.example/1', 'https://a.example/4']);
  });
});

describe('web contents', () => {
  it('blocks navigation of the page and of any frame, and every <webview>', () => {
    const contents = new FakeWebContents('file:///app/index.html');
    hardenWebContents(asWebContents(contents));
    expect(contents.emitCancellable('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-frame-navigate', { url: 'https://evil.example/frame' })).toBe(true);
    expect(contents.emitCancellable('will-attach-webview', {}, { nodeIntegration: true }, {})).toBe(true);
  });

  it('guards any webContents created later (devtools, a bug, an injected frame) the same way', async () => {
    guardAllWebContents(app as unknown as App);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.emitCancellable('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.emitCancellable('will-frame-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.emitCancellable('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await settle();
    expect(shell.opened).toEqual([]);
  });
});

describe('permissions', () => {
  it('denies requests, checks and device access, all three', () => {
    const fake = new FakeSession();
    guardSession(fake as unknown as Session, WINDOW_CONTENT_SECURITY_POLICY);
    expect(fake.permissionRequestHandler).not.toBeNull();
    expect(fake.permissionCheckHandler).not.toBeNull();
    expect(fake.devicePermissionHandler).not.toBeNull();
    for (const permission of [
      'media',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'pointerLock',
    ]) {
      let granted: boolean | undefined;
      fake.permissionRequestHandler?.({}, permission, (answer) => (granted = answer), {});
      expect(granted, permission).toBe(false);
      expect(fake.permissionCheckHandler?.({}, permission, 'file://', {}), permission).toBe(false);
    }
    expect(fake.devicePermissionHandler?.({ deviceType: 'hid', origin: 'file://' })).toBe(false);
    expect(fake.devicePermissionHandler?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});
