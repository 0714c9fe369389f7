import { shell, type App, type Session, type WebContents } from 'electron';
import { createMainLogger } from './main-log';

const log = createMainLogger('security');

/** Only these schemes may leave the app, and only to the user's browser. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:']);

export function isExternalWebLink(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Locks down one webContents: it can never navigate away from the page it was loaded with, never open
 * a window (web links go to the user's browser instead), and never attach a <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn(`Blocked a navigation to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) {
      shell
        .openExternal(url)
        .catch((error: unknown) => log.error(`Could not open ${url} in the browser`, error));
    } else {
      log.warn(`Blocked a new window for ${url}`);
    }
    return { action: 'deny' };
  });
}

/** Every webContents the app ever creates (windows, devtools, anything a bug might open) gets the same guard. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * The session's policy: no web permission is ever granted (camera, notifications, clipboard read,
 * geolocation...; the app needs none, native features go through the preload), and every document
 * gets the window's Content-Security-Policy header.
 */
export function guardSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`Denied the "${permission}" permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
}
