import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../../src-main/host/commands/cli-command';
import { COMMANDS, runCli } from '../../src-main/host/commands/run-cli';
import { SKEIN_VERSION } from '../../src-main/host/version';

function recordingIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env: {} };
}

/** A command that records what it was run with, to test parsing without starting a host. */
const echoCommand: CliCommand = {
  name: 'echo',
  summary: 'Echo the parsed flags.',
  help: 'Usage: skein echo [--name N] [--loud]',
  options: { name: { type: 'string' }, loud: { type: 'boolean' } },
  run: async (values, io) => {
    io.out(JSON.stringify(values));
    return EXIT_OK;
  },
};

describe('skein CLI', () => {
  it('lists host, serve, mcp and exec, and has room for more commands', () => {
    expect(COMMANDS.map((command) => command.name)).toEqual(['host', 'serve', 'mcp', 'exec']);
  });

  it('prints usage to stderr and exits 2 without a command', async () => {
    const io = recordingIo();
    expect(await runCli([], io)).toBe(EXIT_USAGE);
    expect(io.stderr.join('\n')).toMatch(/Usage: skein <command>/);
    expect(io.stdout).toEqual([]);
  });

  it('exits 2 with a clear message and the usage for an unknown command', async () => {
    const io = recordingIo();
    expect(await runCli(['frobnicate'], io)).toBe(EXIT_USAGE);
    const text = io.stderr.join('\n');
    expect(text).toContain('unknown command "frobnicate"');
    expect(text).toMatch(/host\s+Run the host/);
    expect(text).toMatch(/serve\s+Serve the Skein UI/);
  });

  it('prints --help and --version to stdout', async () => {
    const help = recordingIo();
    expect(await runCli(['--help'], help)).toBe(EXIT_OK);
    expect(help.stdout.join('\n')).toMatch(/Commands:/);
    const version = recordingIo();
    expect(await runCli(['--version'], version)).toBe(EXIT_OK);
    expect(version.stdout).toEqual([SKEIN_VERSION]);
  });

  it('prints a command help with its flags', async () => {
    const io = recordingIo();
    expect(await runCli(['serve', '--help'], io)).toBe(EXIT_OK);
    expect(io.stdout.join('\n')).toMatch(/--allow-remote/);
  });

  it('exits 2 for an unknown flag, naming it', async () => {
    const io = recordingIo();
    expect(await runCli(['echo', '--nope'], io, [echoCommand])).toBe(EXIT_USAGE);
    expect(io.stderr.join('\n')).toMatch(/skein echo: Unknown option '--nope'/);
    expect(io.stderr.join('\n')).toContain('Usage: skein echo');
  });

  it('exits 2 for a stray positional and for a missing flag value', async () => {
    const stray = recordingIo();
    expect(await runCli(['echo', 'extra'], stray, [echoCommand])).toBe(EXIT_USAGE);
    const missing = recordingIo();
    expect(await runCli(['echo', '--name'], missing, [echoCommand])).toBe(EXIT_USAGE);
    expect(missing.stderr.join('\n')).toMatch(/--name/);
  });

  it('passes parsed flags to the command', async () => {
    const io = recordingIo();
    expect(await runCli(['echo', '--name', 'x', '--loud'], io, [echoCommand])).toBe(EXIT_OK);
    expect(JSON.parse(io.stdout[0] ?? '')).toEqual({ name: 'x', loud: true });
  });

  it('refuses host without a transport, and serve on a non-loopback address without --allow-remote', async () => {
    const host = recordingIo();
    expect(await runCli(['host'], host)).toBe(EXIT_USAGE);
    expect(host.stderr.join('\n')).toMatch(/--stdio/);

    const serve = recordingIo();
    expect(await runCli(['serve', '--host', '0.0.0.0'], serve)).toBe(EXIT_USAGE);
    expect(serve.stderr.join('\n')).toMatch(/Refusing to listen on 0\.0\.0\.0.*--allow-remote/s);

    const port = recordingIo();
    expect(await runCli(['serve', '--port', '70000'], port)).toBe(EXIT_USAGE);
    expect(port.stderr.join('\n')).toMatch(/--port must be a whole number/);
  });
});
