import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(__dirname, '../../scripts/electronegativity.mjs');
/** Loading the scanner (ESLint 7, TypeScript, Babel) takes ~5 s of CPU, much longer on a busy machine. */
const SCAN_TIMEOUT_MS = 120_000;

const UNJUSTIFIED = `import { BrowserWindow } from 'electron';
export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true } });
`;
const JUSTIFIED = `import { BrowserWindow } from 'electron';
// A planted exception with its reason on the line above.
export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true } }); // eng-disable NODE_INTEGRATION_JS_CHECK
`;
const NO_REASON = `import { BrowserWindow } from 'electron';
export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true } }); // eng-disable NODE_INTEGRATION_JS_CHECK
`;
const STALE = `// Nothing here is flagged, so the directive below suppresses nothing.
export const x = 1; // eng-disable NODE_INTEGRATION_JS_CHECK
`;

let root: string;
let result: { code: number | null; output: string };

function runScript(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'skein-eng-test-'));
  const electronDir = join(root, 'src-main', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(join(electronDir, 'unjustified.ts'), UNJUSTIFIED);
  writeFileSync(join(electronDir, 'justified.ts'), JUSTIFIED);
  writeFileSync(join(electronDir, 'no-reason.ts'), NO_REASON);
  writeFileSync(join(electronDir, 'stale.ts'), STALE);
  mkdirSync(join(root, 'src-preload'));
  writeFileSync(join(root, 'src-preload', 'broken.ts'), 'export const = ;\n');
  // One run over all the planted files: the scanner's start-up is the slow part.
  result = await runScript(['--root', root]);
}, SCAN_TIMEOUT_MS);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scripts/electronegativity.mjs', () => {
  it('fails the run on a planted nodeIntegration: true', () => {
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /FAIL NODE_INTEGRATION_JS_CHECK at src-main\/electron\/unjustified\.ts:2\b/,
    );
  });

  it('accepts an exception justified inline, and lists it', () => {
    expect(result.output).toContain(
      'justified inline: NODE_INTEGRATION_JS_CHECK at src-main/electron/justified.ts:3',
    );
    expect(result.output).not.toMatch(/FAIL NODE_INTEGRATION_JS_CHECK at src-main\/electron\/justified\.ts/);
  });

  it('refuses an exception without a reason', () => {
    expect(result.output).toContain('FAIL src-main/electron/no-reason.ts:2: eng-disable without a reason');
  });

  it('refuses an exception that suppresses nothing', () => {
    expect(result.output).toContain(
      'FAIL src-main/electron/stale.ts:2: eng-disable NODE_INTEGRATION_JS_CHECK suppresses nothing',
    );
  });

  it('fails when a scanned file cannot be parsed, rather than skipping it', () => {
    expect(result.output).toContain('FAIL could not parse src-preload/broken.ts');
  });
});
