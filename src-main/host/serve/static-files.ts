import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Vite puts content-hashed bundles here; they never change under the same name. */
const IMMUTABLE_PREFIX = '/assets/';

export type StaticTarget = { kind: 'file'; relativePath: string } | { kind: 'bad-request'; reason: string };

/**
 * Turns a raw request target into a path relative to the renderer root, refusing anything that could
 * step outside it: `..` segments (also percent-encoded), backslashes, NUL bytes and malformed escapes.
 */
export function staticTargetFor(rawUrl: string): StaticTarget {
  if (!rawUrl.startsWith('/')) return { kind: 'bad-request', reason: 'The request target must be a path.' };
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad-request', reason: 'The path has a malformed percent escape.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return {
      kind: 'bad-request',
      reason: 'The path has characters that are never part of a file name here.',
    };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) {
    return { kind: 'bad-request', reason: 'The path may not leave the app folder.' };
  }
  if (segments.length === 0) return { kind: 'file', relativePath: 'index.html' };
  return { kind: 'file', relativePath: segments.join('/') };
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real path of a regular file under root, or null (missing, a folder, or a symlink that leads outside). */
async function resolveFile(
  root: string,
  relativePath: string,
): Promise<{ path: string; size: number } | null> {
  const candidate = resolve(root, relativePath);
  if (!isInside(root, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

export interface StaticFileServer {
  handle(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): Promise<void>;
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** Serves the built renderer from `root` (an absolute real path), with SPA fallback for extension-less paths. */
export function createStaticFileServer(root: string): StaticFileServer {
  return {
    async handle(request, response, headers) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendText(response, 405, 'Only GET and HEAD are served here.\n', { ...headers, Allow: 'GET, HEAD' });
        return;
      }
      const target = staticTargetFor(request.url ?? '/');
      if (target.kind === 'bad-request') {
        sendText(response, 400, `${target.reason}\n`, headers);
        return;
      }
      let relativePath = target.relativePath;
      let file = await resolveFile(root, relativePath);
      // A path without an extension is a client-side route; a missing file with one is a real 404.
      if (!file && extname(relativePath) === '') {
        relativePath = 'index.html';
        file = await resolveFile(root, relativePath);
      }
      if (!file) {
        sendText(response, 404, 'Not found.\n', headers);
        return;
      }
      const isIndex = file.path === join(root, 'index.html');
      const urlPath = `/${relativePath}`;
      response.writeHead(200, {
        ...headers,
        'Content-Type': mimeTypeFor(file.path),
        'Content-Length': String(file.size),
        'Cache-Control': isIndex
          ? 'no-store'
          : urlPath.startsWith(IMMUTABLE_PREFIX)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      const stream = createReadStream(file.path);
      stream.on('error', () => response.destroy());
      stream.pipe(response);
    },
  };
}
