/**
 * A deterministic stand-in for heavy real terminal output (build logs, test runs, compiler errors):
 * varied line lengths, some lines longer than a pane (they wrap), 16-, 256- and true-colour SGR,
 * bold, and a little non-ASCII text. Seeded, so every run parses exactly the same bytes.
 */

const ESC = '\x1b[';
const RESET = `${ESC}0m`;
const WORDS = [
  'worker',
  'request',
  'thread',
  'buffer',
  'compile',
  'module',
  'resolve',
  'cache',
  'render',
  'terminal',
  'branch',
  'commit',
  'index',
  'socket',
  'timeout',
  'schema',
  'parse',
  'token',
  'stream',
  'frame',
  'queue',
  'flush',
  'retry',
  'config',
  'session',
  'handler',
  'import',
  'export',
];
const PATHS = [
  'src/features/layout/pane-area.tsx',
  'src/core/git/worktree-pool.ts',
  'lib/parser/escape-sequences.ts',
  'packages/server/src/routes/api/v2/threads.ts',
  'test/integration/terminal-flow.test.ts',
];
const NON_ASCII = ['é', 'ü', '→', '✓', '✗', '…', 'λ', '日本'];

/** mulberry32: tiny, fast and good enough to vary text. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePayload(targetBytes: number, seed = 20_260_101): Buffer {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');

  const lineKinds: Array<(n: number) => string> = [
    (n) => {
      const level = pick([
        `${ESC}32mINFO ${RESET}`,
        `${ESC}33mWARN ${RESET}`,
        `${ESC}1;31mERROR${RESET}`,
        `${ESC}2mDEBUG${RESET}`,
      ]);
      return `2026-11-22T15:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${String(int(1000)).padStart(3, '0')}Z ${level} [${pick(WORDS)}-${int(16)}] ${words(3 + int(8))} (${n} items, ${int(900)} ms)`;
    },
    () =>
      `${ESC}36m${pick(PATHS)}${RESET}:${1 + int(400)}:${1 + int(80)} - ${ESC}31merror${RESET} ${ESC}90mTS${2000 + int(800)}:${RESET} ${words(6 + int(10))}.`,
    () =>
      `  ${random() < 0.9 ? `${ESC}32m✓${RESET}` : `${ESC}31m✗${RESET}`} ${words(3 + int(6))} ${ESC}2m(${int(200)} ms)${RESET}`,
    () => words(2 + int(14)),
    () => `${ESC}38;5;${int(256)}m${words(4 + int(6))}${RESET} ${words(2 + int(4))} ${pick(NON_ASCII)}`,
    () => `${ESC}38;2;${int(256)};${int(256)};${int(256)}m${words(5 + int(5))}${RESET}`,
    // Longer than most panes: exercises wrapping.
    () => `${ESC}1m${pick(WORDS)}:${RESET} ${words(30 + int(20))}`,
    () => '',
  ];

  const lines: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes < targetBytes; n += 1) {
    const line = `${lineKinds[int(lineKinds.length)]!(n)}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return Buffer.from(lines.join(''), 'utf8');
}

/** What a terminal receives for a file `cat` prints: the pty's line discipline turns LF into CR LF (onlcr). */
export function asPtyOutput(payload: Buffer): string {
  return payload.toString('utf8').replace(/\n/g, '\r\n');
}
