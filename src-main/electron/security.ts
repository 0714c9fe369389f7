import { shell, type App, type Session, type WebContents } from 'electron';
import { createMainLogger } from './main-log';

const log = createMainLogger('security');

/** Only these schemes may leave the app, and only to the user's browser. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:']);
/** Longer than any link the app shows (a compare URL with two branch names is a few hundred characters). */
const MAX_EXTERNAL_URL_CHARS = 4_096;
/**
 * Electron does not tell main whether a window.open came from a click, so a page that opens links
 * faster than a person clicks is cut off: at most one link per second per page. A deliberate double
 * click on a link opens it once.
 */
const MIN_EXTERNAL_OPEN_INTERVAL_MS = 1_000;

/** An absolute http(s) URL with no user name or password in it (those hide the real host from a reader). */
export function isExternalWebLink(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_CHARS) return false;
  try {
    const parsed = new URL(url);
    return EXTERNAL_SCHEMES.has(parsed.protocol) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The one place the app hands a URL to the operating system: web links only, checked here rather
 * than trusted from the caller, because the OS would launch any registered handler (file:, smb:,
 * custom schemes) for anything else.
 */
export function openExternalWebLink(url: string): boolean {
  if (!isExternalWebLink(url)) {
    log.warn(`Refused to open ${url.slice(0, 200)} outside the app: not a web link`);
    return false;
  }
  // Only web links get here (checked just above); the scanner cannot see that check.
  const opening = shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  opening.catch((error: unknown) => log.error(`Could not open ${url} in the browser`, error));
  return true;
}

/**
 * Locks down one webContents: it can never navigate away from the page it was loaded with (no frame of
 * it either), never open a window (web links go to the user's browser instead, at most one a second),
 * and never attach a <webview>. `now` is the clock of the rate limit.
 */
export function hardenWebContents(contents: WebContents, now: () => number = Date.now): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn(`Blocked a navigation to ${event.url}`);
  });
  // Subframes too: the app has no iframes, so any frame navigation is an injected one.
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    log.warn(`Blocked a frame navigation to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>');
  });
  let lastOpened = Number.NEGATIVE_INFINITY;
  contents.setWindowOpenHandler(({ url }) => {
    if (!isExternalWebLink(url)) {
      log.warn(`Blocked a new window for ${url.slice(0, 200)}`);
      return { action: 'deny' };
    }
    const at = now();
    if (at - lastOpened < MIN_EXTERNAL_OPEN_INTERVAL_MS) {
      log.warn(`Blocked ${url}: the page opened another link less than a second ago`);
      return { action: 'deny' };
    }
    lastOpened = at;
    openExternalWebLink(url);
    return { action: 'deny' };
  });
}

/** Every webContents the app ever creates (windows, devtools, anything a bug might open) gets the same guard. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * The session's policy: no web permission is ever granted (camera, notifications, clipboard read,
 * geolocation, devices...; the app needs none, native features go through the preload), and every
 * document gets the window's Content-Security-Policy header.
 */
export function guardSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`Denied the "${permission}" permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // WebHID, WebUSB and Web Serial ask this one, not the two above.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    callback({
      // The policy is a parameter the scanner cannot read: WINDOW_CONTENT_SECURITY_POLICY (or the dev
      // server's), which electron-window.test.ts checks directive by directive.
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] }, // eng-disable CSP_GLOBAL_CHECK
    });
  });
}
