import { describe, expect, it } from 'vitest';
import {
  decideCommand,
  decideMcpTool,
  decidePatch,
  isKnownSafeCommand,
  parseCommand,
  resolveSafety,
  suggestPrefix,
  type CommandRules,
  type SafetyContext,
} from '../../src-main/core/approvals';

const noRules: CommandRules = { prefixes: [], exactCommands: new Set() };
const context = (overrides: Partial<SafetyContext> = {}): SafetyContext => ({
  approvalPolicy: 'on-request',
  sandboxMode: 'workspace-write',
  sandboxAvailable: true,
  ...overrides,
});

describe('command parsing', () => {
  it('splits simple commands and notices what it cannot judge', () => {
    expect(parseCommand(`git status && grep -n "a b" 'c d' | wc -l`)).toEqual({
      segments: [
        ['git', 'status'],
        ['grep', '-n', 'a b', 'c d'],
        ['wc', '-l'],
      ],
      opaque: false,
    });
    for (const opaque of [
      'echo x > f',
      'cat $(ls)',
      'echo `id`',
      '(cd a; ls)',
      'sleep 1 &',
      "echo 'open",
      'echo "$HOME"',
    ]) {
      expect(parseCommand(opaque).opaque).toBe(true);
    }
  });

  it('suggests the program and subcommand as the prefix to always allow', () => {
    expect(suggestPrefix('npm test -- --watch=false')).toEqual(['npm', 'test']);
    expect(suggestPrefix('touch new.txt')).toEqual(['touch']);
    expect(suggestPrefix('cargo build --release')).toEqual(['cargo', 'build']);
    expect(suggestPrefix('make && make install')).toBeNull();
    expect(suggestPrefix('echo hi > f')).toBeNull();
  });
});

describe('known-safe commands', () => {
  it('accepts plain reads and refuses anything that writes or runs other programs', () => {
    for (const safe of [
      'ls -la',
      'cat a.txt | wc -l',
      'git status',
      'git diff HEAD~1',
      'grep -rn foo src',
      'sed -n 1,20p a.ts',
      'find . -name "*.ts"',
      'rg foo',
    ]) {
      expect(isKnownSafeCommand(safe), safe).toBe(true);
    }
    for (const unsafe of [
      'rm -rf x',
      'find . -delete',
      'find . -exec rm {} ;',
      'sed -i s/a/b/ f',
      'git commit -m x',
      'git branch -D x',
      'rg --pre sh foo',
      'env rm x',
      'sort -o out in',
      'cat a > b',
      'npm test',
    ]) {
      expect(isKnownSafeCommand(unsafe), unsafe).toBe(false);
    }
  });
});

describe('command policy', () => {
  it('on-request runs sandboxed work and asks to leave the sandbox', () => {
    expect(decideCommand('npm test', false, context(), noRules)).toEqual({
      action: 'run',
      mode: 'workspace-write',
    });
    expect(decideCommand('curl x', true, context(), noRules)).toMatchObject({
      action: 'ask',
      mode: 'danger-full-access',
    });
  });

  it('untrusted asks for everything but known reads', () => {
    const untrusted = context({ approvalPolicy: 'untrusted' });
    expect(decideCommand('git log', false, untrusted, noRules).action).toBe('run');
    expect(decideCommand('npm test', false, untrusted, noRules)).toMatchObject({
      action: 'ask',
      mode: 'workspace-write',
    });
  });

  it('never refuses escalation instead of asking', () => {
    expect(decideCommand('curl x', true, context({ approvalPolicy: 'never' }), noRules).action).toBe(
      'refuse',
    );
    expect(decideCommand('npm test', false, context({ approvalPolicy: 'never' }), noRules).action).toBe(
      'run',
    );
  });

  it('asks for every command when no sandbox works, and refuses under never', () => {
    const bare = context({ sandboxAvailable: false });
    expect(decideCommand('ls', false, bare, noRules)).toMatchObject({
      action: 'ask',
      mode: 'danger-full-access',
    });
    expect(decideCommand('ls', false, { ...bare, approvalPolicy: 'never' }, noRules).action).toBe('refuse');
    expect(decideCommand('ls', false, { ...bare, sandboxMode: 'danger-full-access' }, noRules).action).toBe(
      'run',
    );
  });

  it('rules allow a prefix (every simple command must be covered) or an exact command', () => {
    const rules: CommandRules = { prefixes: [['npm', 'test']], exactCommands: new Set(['make deploy']) };
    const strict = context({ approvalPolicy: 'untrusted' });
    expect(decideCommand('npm test -- a', false, strict, rules).action).toBe('run');
    expect(decideCommand('npm test && git status', false, strict, rules).action).toBe('run');
    expect(decideCommand('npm test && rm -rf /', false, strict, rules).action).toBe('ask');
    expect(decideCommand('npm test > out', false, strict, rules).action).toBe('ask');
    expect(decideCommand('make deploy', true, strict, rules)).toEqual({
      action: 'run',
      mode: 'danger-full-access',
    });
  });
});

describe('patch policy', () => {
  it('asks under untrusted and in read-only, refuses read-only under never', () => {
    expect(decidePatch(context(), false).action).toBe('run');
    expect(decidePatch(context({ approvalPolicy: 'untrusted' }), false).action).toBe('ask');
    expect(decidePatch(context({ sandboxMode: 'read-only' }), false).action).toBe('ask');
    expect(decidePatch(context({ sandboxMode: 'read-only', approvalPolicy: 'never' }), false).action).toBe(
      'refuse',
    );
    expect(decidePatch(context({ approvalPolicy: 'untrusted' }), true).action).toBe('run');
  });
});

describe('layered safety settings', () => {
  it('takes the strictest value any layer sets, naming the layer', () => {
    expect(resolveSafety({ admin: null, user: null, project: null, thread: null })).toMatchObject({
      approvalPolicy: 'on-request',
      sandboxMode: 'workspace-write',
      networkAccess: false,
      sources: { approvalPolicy: 'default' },
    });
    const resolved = resolveSafety({
      admin: { sandboxMode: 'workspace-write' },
      user: { approvalPolicy: 'never', networkAccess: true },
      project: { approvalPolicy: 'untrusted' },
      thread: { approvalPolicy: 'on-request', sandboxMode: 'danger-full-access' },
    });
    expect(resolved).toMatchObject({
      approvalPolicy: 'untrusted',
      sandboxMode: 'workspace-write',
      networkAccess: true,
      sources: { approvalPolicy: 'project', sandboxMode: 'admin', networkAccess: 'user' },
    });
    expect(
      resolveSafety({
        admin: { networkAccess: false },
        user: { networkAccess: true },
        project: null,
        thread: null,
      }).networkAccess,
    ).toBe(false);
  });
});

describe('MCP tool policy', () => {
  it('asks under untrusted and on-request unless a rule allows the tool; never runs it', () => {
    expect(decideMcpTool('untrusted', false)).toMatchObject({ action: 'ask' });
    expect(decideMcpTool('on-request', false)).toMatchObject({
      action: 'ask',
      reason: expect.stringContaining('MCP server') as unknown,
    });
    expect(decideMcpTool('on-request', true)).toMatchObject({ action: 'run' });
    expect(decideMcpTool('untrusted', true)).toMatchObject({ action: 'run' });
    expect(decideMcpTool('never', false)).toMatchObject({ action: 'run' });
  });
});
