import { describe, expect, it } from 'vitest';
import { buildLaunchCommand, buildTerminalEnv, resolveShell } from '../../src-main/core/terminals/pty-launch';

describe('resolveShell', () => {
  it('runs a configured path as a login shell', () => {
    expect(resolveShell('/bin/zsh', { SHELL: '/bin/fish' })).toEqual({ file: '/bin/zsh', args: ['-l'] });
  });

  it('falls back to $SHELL, then /bin/bash', () => {
    expect(resolveShell(undefined, { SHELL: '/usr/bin/fish' })).toEqual({
      file: '/usr/bin/fish',
      args: ['-l'],
    });
    expect(resolveShell(undefined, {})).toEqual({ file: '/bin/bash', args: ['-l'] });
    expect(resolveShell('', {})).toEqual({ file: '/bin/bash', args: ['-l'] });
  });

  it('uses explicit arguments as given', () => {
    const configured = { file: '/bin/bash', args: ['--noprofile', '--norc'] };
    const shell = resolveShell(configured, { SHELL: '/bin/zsh' });
    expect(shell).toEqual(configured);
    shell.args.push('mutated');
    expect(configured.args).toEqual(['--noprofile', '--norc']);
  });
});

describe('buildLaunchCommand', () => {
  it('passes a command as a single argument after -c, never interpolated', () => {
    const command = 'npm ci && echo "$HOME" ; rm -rf "$(pwd)/x"';
    expect(buildLaunchCommand({ file: '/bin/zsh', args: ['-l'] }, command)).toEqual({
      file: '/bin/zsh',
      args: ['-l', '-c', command],
    });
  });

  it('starts the interactive shell without a command', () => {
    expect(buildLaunchCommand({ file: '/bin/sh', args: ['-l'] })).toEqual({ file: '/bin/sh', args: ['-l'] });
  });
});

describe('buildTerminalEnv', () => {
  it('adds terminal and Skein variables to the host environment, minus host-only ones', () => {
    const env = buildTerminalEnv({
      base: { PATH: '/usr/bin', TERM: 'dumb', ELECTRON_RUN_AS_NODE: '1', EMPTY: undefined },
      threadId: 't1',
      terminalId: 'term1',
      cwd: '/w/t1',
      extra: { FOO: 'bar' },
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      SKEIN_THREAD_ID: 't1',
      SKEIN_TERMINAL_ID: 'term1',
      SKEIN_WORKTREE: '/w/t1',
      FOO: 'bar',
    });
  });
});
