import { connect } from 'node:net';
import { controlSocketPath } from '../../src-main/host/control-socket-files';

/** Writes `text` on the host's control socket as it is, and resolves with every line answered once the host closes. */
export function rawControlExchange(dataDir: string, text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client = connect(controlSocketPath(dataDir));
    let received = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => (received += chunk));
    client.on('error', reject);
    client.on('close', () => resolve(received.split('\n').filter(Boolean)));
    client.on('connect', () => client.write(text));
  });
}

export function frame(message: Record<string, unknown>): string {
  return `${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`;
}

export interface ControlAnswer {
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: { kind?: string } };
}

export function parseAnswers(lines: readonly string[]): ControlAnswer[] {
  return lines.map((line) => JSON.parse(line) as ControlAnswer);
}
