/**
 * Headers on every `serve` response. The CSP allows only our own scripts (no inline, no eval),
 * inline styles (React and xterm set style attributes, Monaco adds <style> elements), workers from
 * our own files (Monaco's diff worker), and the WebSocket back to this server. `hostHeader` is the
 * request's validated Host (`127.0.0.1:PORT`).
 */
export function serveContentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${hostHeader}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function serveSecurityHeaders(hostHeader: string): Record<string, string> {
  return {
    'Content-Security-Policy': serveContentSecurityPolicy(hostHeader),
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token; no referrer keeps it from leaking to any link target.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
