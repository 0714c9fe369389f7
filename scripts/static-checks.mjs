// Runs the static checks of `npm test` (typecheck, lint, format, electronegativity) at once instead
// of one after another: on a 2-core CI machine that saves a minute or more, and a failure in one still
// shows the others' results. Exits non-zero when any check fails. Plain Node, so it runs wherever npm does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npmScript = (script) => ({
  script: `npm run ${script}`,
  command: npm,
  args: ['run', '--silent', script],
});
const CHECKS = [
  npmScript('typecheck'),
  npmScript('lint'),
  npmScript('format:check'),
  // Electron misconfigurations in main, preload and renderer sources (needs no build).
  {
    script: 'electronegativity',
    command: process.execPath,
    args: [fileURLToPath(new URL('electronegativity.mjs', import.meta.url))],
  },
];

function run({ script, command, args }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
    // npm is a .cmd on Windows, which Node only starts through a shell.
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && command === npm,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) =>
      resolve({ script, code: 1, output: `${output}${error.message}\n`, seconds: seconds() }),
    );
    child.on('close', (code) => resolve({ script, code: code ?? 1, output, seconds: seconds() }));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const { script, code, output, seconds } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${script} (${seconds} s)`);
  if (code !== 0) console.log(output.trimEnd());
}
process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
