import { runCli } from './commands/run-cli';

/**
 * The `skein` command (bundled to out/cli/skein.js). Exits explicitly once the command is done:
 * a stopped host may still hold handles (timers, child processes being reaped) that would keep Node alive.
 */
const exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exit(exitCode);
