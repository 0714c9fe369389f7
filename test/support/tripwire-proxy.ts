import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Messages recorded from a real agent CLI, one JSON message per line. */
export function readJsonlFixture(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * A proxy that accepts nothing and remembers every attempt. Codex and Claude Code honour
 * HTTPS_PROXY/HTTP_PROXY (and ALL_PROXY) with NO_PROXY for the scripted server, so anything they try
 * to reach besides the scripted server shows up here (and fails) instead of leaving the machine.
 */
export interface TripwireProxy {
  readonly url: string;
  readonly attempts: string[];
  close(): Promise<void>;
}

export async function startTripwireProxy(): Promise<TripwireProxy> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    attempts.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket: Socket) => {
    attempts.push(`CONNECT ${req.url ?? '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
