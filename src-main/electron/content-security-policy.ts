/**
 * The desktop window's Content-Security-Policy. Only our own scripts run (no inline script, no eval);
 * inline styles are allowed because React and xterm set style attributes and Monaco adds <style>
 * elements at run time (docs/security.md); Monaco's diff worker is a bundled file of our own, so
 * workers come from 'self' only; the renderer talks to the host through the preload, so it needs
 * no network at all.
 * The renderer's index.html should carry the same policy in a <meta http-equiv> tag, since headers
 * may not reach pages loaded from file://.
 */
const PRODUCTION_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const WINDOW_CONTENT_SECURITY_POLICY = PRODUCTION_DIRECTIVES.join('; ');

/**
 * In development the Vite dev server injects an inline module (React Refresh preamble) and opens a
 * WebSocket for hot reload, so those two are allowed for its origin only. Never used for a built app.
 */
export function developmentContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl);
  const socket = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
  return PRODUCTION_DIRECTIVES.map((directive) => {
    if (directive.startsWith('script-src')) return `${directive} 'unsafe-inline'`;
    if (directive.startsWith('connect-src')) return `${directive} ${socket}`;
    return directive;
  }).join('; ');
}
