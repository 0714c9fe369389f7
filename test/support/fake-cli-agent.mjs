#!/usr/bin/env node
// A stand-in for a CLI coding agent (Claude Code, Codex, …), run in a real PTY by the cli-agents tests.
// Usage: fake-cli-agent [--settings FILE] [-c X] [--prompt-file FILE | --stdin | [--] PROMPT]
//   --version                print a version and exit
// It records what it received in ./fake-agent-record.json (cwd = the worktree), "works" (prints a line
// every 100 ms), runs Claude-style hooks from --settings and a Codex-style `-c notify=[…]`, then shows a prompt line ("› ") and waits
// for a line: "exit N" exits with N, anything else is another turn.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const WORK_MS = 800;
const TICK_MS = 100;
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const args = process.argv.slice(2);
if (args[0] === '--version') {
  process.stdout.write('fake-agent 1.2.3 (test)\nsecond line\n');
  process.exit(0);
}

let settings = null;
let prompt = null;
let fromStdin = false;
const configs = [];
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index];
  if (arg === '--settings') settings = JSON.parse(readFileSync(args[++index], 'utf8'));
  else if (arg === '-c') configs.push(args[++index]);
  else if (arg === '--prompt-file') prompt = readFileSync(args[++index], 'utf8');
  else if (arg === '--stdin') fromStdin = true;
  else if (arg === '--') prompt = args[++index];
  else prompt = arg;
}

// Codex's `-c notify=[...]`: a TOML array of strings (JSON-compatible as Skein writes it).
const notifyConfig = configs.find((config) => config.startsWith('notify='));
const notify = notifyConfig ? JSON.parse(notifyConfig.slice('notify='.length)) : null;

/** Runs the notify program with the event as its last argument, as Codex does after a turn. */
function runNotify() {
  if (!notify) return;
  const event = JSON.stringify({ type: 'agent-turn-complete', 'turn-id': '1' });
  execFileSync(notify[0], [...notify.slice(1), event], { stdio: 'ignore' });
}

/** Runs the hook commands of an event through `sh -c`, as Claude Code does. */
function runHooks(event) {
  for (const group of settings?.hooks?.[event] ?? []) {
    for (const hook of group.hooks ?? []) execFileSync('/bin/sh', ['-c', hook.command], { stdio: 'ignore' });
  }
}

function record(extra) {
  writeFileSync(
    'fake-agent-record.json',
    JSON.stringify({
      argv: args,
      prompt,
      configs,
      hooks: settings ? Object.keys(settings.hooks ?? {}) : [],
      agentId: process.env.SKEIN_CLI_AGENT_ID ?? null,
      ...extra,
    }),
  );
}

function work(label) {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      process.stdout.write(`working on ${label} (${Date.now() - started} ms)\r\n`);
      if (Date.now() - started >= WORK_MS) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
}

async function turn(label) {
  runHooks('UserPromptSubmit');
  await work(label);
  runHooks('Stop');
  runNotify();
  // With hooks the screen ends on a line that does not look like a prompt: only the hook says "waiting".
  process.stdout.write(settings || notify ? 'done.\r\n' : 'turn finished\r\n› ');
}

let input = '';
let waitingForPaste = fromStdin;
process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (chunk) => {
  input += chunk;
  if (waitingForPaste) {
    const end = input.indexOf(PASTE_END);
    if (end < 0 || !input.slice(end).includes('\r')) return;
    const start = input.indexOf(PASTE_START);
    prompt = input.slice(start + PASTE_START.length, end);
    input = '';
    waitingForPaste = false;
    record({ raw: 'pasted' });
    await turn('the pasted prompt');
    return;
  }
  const enter = input.indexOf('\r');
  if (enter < 0) {
    process.stdout.write(chunk);
    return;
  }
  const line = input.slice(0, enter);
  input = input.slice(enter + 1);
  process.stdout.write('\r\n');
  const exit = /^exit (\d+)$/.exec(line);
  if (exit) {
    process.stdout.write('bye\r\n');
    process.exit(Number(exit[1]));
  }
  await turn(line);
});

if (fromStdin) {
  // Like a TUI: turn bracketed paste on, draw the screen, wait for the prompt to be pasted.
  process.stdout.write('\u001b[?2004hFake agent ready\r\n› ');
} else {
  record({});
  await turn('the first prompt');
}
