/**
 * The least a host could do between a pty and a page, for the terminal-throughput floor: spawn the
 * command in a pty (node-pty, raw bytes) and send every read on unchanged as a binary WebSocket
 * frame. No JSON, no screen mirror, no flow control, no frames gathered, no decoding. Run as its own
 * process (`node --import tsx`), as the host is, so its CPU competes with the page's as the host's
 * does. It prints `bare relay at ws://127.0.0.1:<port>`; each connection sends one JSON request
 * (`RelayRequest`) and gets the output of that command, then the socket closes when the command ends.
 */
import { spawn } from 'node-pty';
import { WebSocketServer, type RawData } from 'ws';

export interface RelayRequest {
  command: string;
  cwd: string;
  cols: number;
  rows: number;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });

server.on('connection', (socket) => {
  socket.once('message', (message) => {
    const request = JSON.parse(rawText(message)) as RelayRequest;
    // The trailing sleep keeps the pty open until the last read is sent (node-pty drops output queued at exit).
    const pty = spawn('/bin/bash', ['--noprofile', '--norc', '-c', `${request.command}; sleep 1`], {
      name: 'xterm-256color',
      cols: request.cols,
      rows: request.rows,
      cwd: request.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
      encoding: null,
    });
    pty.onData((data) => socket.send(data, { binary: true }));
    pty.onExit(() => socket.close(1000, 'done'));
    socket.on('close', () => pty.kill());
  });
});

server.on('listening', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`Unexpected address ${address}`);
  process.stdout.write(`bare relay at ws://127.0.0.1:${address.port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
