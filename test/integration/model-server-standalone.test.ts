import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';

const STANDALONE = resolve(import.meta.dirname, '../support/model-server/standalone.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeScript(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-model-script-'));
  dirs.push(dir);
  const file = join(dir, 'script.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function startStandalone(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', STANDALONE, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolveLine(line);
    });
    // 'close' rather than 'exit': by then stderr has been read to the end.
    child.once('close', (code) => reject(new Error(`standalone exited with ${code}: ${stderr}`)));
  });
  return { child, firstLine, stderr: () => stderr };
}

describe('model server: standalone runner', () => {
  it('serves a JSON script on the printed URL and stops on SIGTERM', async () => {
    const script = writeScript({ models: ['scripted-cli'], replies: [{ text: ['From ', 'a file.'] }] });
    const { child, firstLine, stderr } = startStandalone(['--port', '0', '--script', script]);
    const url = await firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const client = new OpenAI({ apiKey: 'sk-cli', baseURL: `${url}/v1` });
    const response = await client.responses.create({ model: 'scripted-cli', input: 'hi' });
    expect(response.output_text).toBe('From a file.');
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['scripted-cli']);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain('POST /v1/responses model=scripted-cli stream=false');
  });

  it('refuses a script with a misspelt field, naming it', async () => {
    const script = writeScript([{ txet: 'typo' }]);
    const { child, firstLine, stderr } = startStandalone(['--script', script]);
    await expect(firstLine).rejects.toThrow(/standalone exited/);
    expect(child.exitCode).not.toBe(0);
    expect(stderr()).toContain('txet');
  });
});
