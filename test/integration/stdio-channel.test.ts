import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createStdioChannel } from '../../src-main/host/transports/stdio-channel';

const children: ChildProcessWithoutNullStreams[] = [];

/** A real child process running `script`, with pipes we can talk over. */
function child(script: string): ChildProcessWithoutNullStreams {
  const proc = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  return proc;
}

const ECHO = 'process.stdin.pipe(process.stdout)';

afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once('exit', () => resolve());
          proc.kill('SIGKILL');
        }),
    ),
  );
});

describe('stdio channel over real pipes', () => {
  it('delivers frames whole and in order: large ones, multibyte text, and frames split across reads', async () => {
    const echo = child(ECHO);
    const channel = createStdioChannel({ input: echo.stdout, output: echo.stdin, ownsStreams: true });
    const big = JSON.stringify({ data: 'é🙂'.repeat(400_000) });
    const sent = ['{"a":1}', big, '{"b":"ü"}', ...Array.from({ length: 200 }, (_, i) => `{"i":${i}}`)];
    const received: string[] = [];
    const done = new Promise<void>((resolve) =>
      channel.onMessage((text) => {
        received.push(text);
        if (received.length === sent.length) resolve();
      }),
    );
    for (const text of sent) channel.send(text);
    await done;
    expect(received.length).toBe(sent.length);
    expect(received).toEqual(sent);
    await channel.flush();
    channel.close();
  });

  it('keeps one frame per line when a frame holds a raw newline (JSON whitespace)', async () => {
    const echo = child(ECHO);
    const channel = createStdioChannel({ input: echo.stdout, output: echo.stdin, ownsStreams: true });
    const received = new Promise<string>((resolve) => channel.onMessage(resolve));
    channel.send('{\n  "pretty": true\r\n}');
    expect(JSON.parse(await received)).toEqual({ pretty: true });
    channel.close();
  });

  it('closes instead of buffering a frame past the size limit', async () => {
    const echo = child(ECHO);
    const channel = createStdioChannel({
      input: echo.stdout,
      output: echo.stdin,
      ownsStreams: true,
      maxFrameChars: 1_000,
    });
    const closed = new Promise<string | undefined>((resolve) => channel.onClose(resolve));
    const received: string[] = [];
    channel.onMessage((text) => received.push(text));
    channel.send(`"${'x'.repeat(5_000)}"`);
    expect(await closed).toMatch(/limit/);
    expect(received).toEqual([]);
  });

  it('closes on EPIPE when the reader goes away, without crashing', async () => {
    // The child closes its stdin but stays alive, so our next writes hit a pipe with no reader.
    const deaf = child(
      'require("fs").closeSync(0); process.stdout.write("ready\\n"); setInterval(() => {}, 1000)',
    );
    const channel = createStdioChannel({ input: deaf.stdout, output: deaf.stdin, ownsStreams: true });
    await new Promise<void>((resolve) => channel.onMessage(() => resolve()));
    const closed = new Promise<string | undefined>((resolve) => channel.onClose(resolve));
    const writer = setInterval(() => channel.send(JSON.stringify({ filler: 'y'.repeat(64 * 1024) })), 5);
    const reason = await closed;
    clearInterval(writer);
    expect(reason).toMatch(/EPIPE|output/);
    channel.send('{"after":"close"}');
  });

  it('closes when the other side ends its output, and flush resolves', async () => {
    const quitter = child('process.stdout.write("{\\"bye\\":1}\\n"); process.exit(0)');
    const channel = createStdioChannel({ input: quitter.stdout, output: quitter.stdin, ownsStreams: true });
    const received: string[] = [];
    channel.onMessage((text) => received.push(text));
    const reason = await new Promise<string | undefined>((resolve) => channel.onClose(resolve));
    expect(reason).toMatch(/input ended|output/);
    expect(received).toEqual(['{"bye":1}']);
    await channel.flush();
  });
});
