import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  detectSandbox,
  isSandboxUnavailable,
  runSandboxed,
  wrapCommand,
  type RunSandboxedResult,
  type SandboxMode,
} from '../../src-main/core/sandbox';
import { createSandboxFixture, type SandboxFixture } from '../support/sandbox-fixtures';

let fx: SandboxFixture;
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  const support = await detectSandbox();
  // CI installs bubblewrap; without it these tests must fail loudly, not skip.
  expect(
    support,
    'bwrap must be installed and able to create namespaces (apt-get install bubblewrap)',
  ).toMatchObject({ kind: 'bwrap' });
  server = createServer((socket) => {
    connections += 1;
    socket.end('hello from the host\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  fx = createSandboxFixture();
  connections = 0;
});
afterEach(() => {
  fx.dispose();
});

async function run(
  command: string,
  mode: SandboxMode,
  options: { cwd?: string; network?: boolean } = {},
): Promise<RunSandboxedResult> {
  const cwd = options.cwd ?? fx.worktree;
  const wrapped = await wrapCommand({
    command,
    cwd,
    mode,
    network: options.network ?? false,
    gitDir: fx.commonDir,
    env: fx.env,
  });
  if (isSandboxUnavailable(wrapped)) throw new Error(wrapped.unavailable);
  return runSandboxed(wrapped, { cwd, timeoutMs: 20_000 });
}

const connectWithNode = (): string =>
  `'${process.execPath}' -e "require('net').connect(${port}, '127.0.0.1').on('data', d => { process.stdout.write('CONNECTED ' + d); process.exit(0); }).on('error', e => { console.log('REFUSED ' + e.code); process.exit(3); })"`;

describe('workspace-write: escape attempts fail', () => {
  it('writes inside the worktree succeed', async () => {
    const result = await run(
      'echo made > inside.txt && mkdir -p sub && echo deeper > sub/x.txt',
      'workspace-write',
    );
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(fx.worktree, 'inside.txt'), 'utf8')).toBe('made\n');
    expect(readFileSync(join(fx.worktree, 'sub/x.txt'), 'utf8')).toBe('deeper\n');
  });

  it('cannot write outside the worktree or into HOME', async () => {
    const outsideFile = join(fx.outside, 'escaped.txt');
    const homeFile = join(fx.home, 'escaped.txt');
    const result = await run(
      `echo x > '${outsideFile}'; a=$?; echo x > '${homeFile}'; b=$?; echo x > ../escaped.txt; c=$?; echo "$a $b $c"`,
      'workspace-write',
    );
    expect(result.stdout.trim()).toBe('1 1 1');
    expect(result.stderr).toContain('Read-only file system');
    expect(existsSync(outsideFile)).toBe(false);
    expect(existsSync(homeFile)).toBe(false);
    expect(existsSync(join(fx.base, 'escaped.txt'))).toBe(false);
  });

  it('cannot plant a hook or change config in the git common dir, nor replace the .git pointer', async () => {
    const hook = join(fx.commonDir, 'hooks', 'pre-commit');
    const config = join(fx.commonDir, 'config');
    const configBefore = readFileSync(config, 'utf8');
    const pointerBefore = readFileSync(join(fx.worktree, '.git'), 'utf8');
    const result = await run(
      `echo evil > '${hook}'; a=$?; echo '[core] hooksPath=/x' >> '${config}'; b=$?; echo 'gitdir: /x' > .git; c=$?; rm -f .git; d=$?; echo "$a $b $c $d"`,
      'workspace-write',
    );
    expect(result.stdout.trim()).toBe('1 1 1 1');
    expect(existsSync(hook)).toBe(false);
    expect(readFileSync(config, 'utf8')).toBe(configBefore);
    expect(readFileSync(join(fx.worktree, '.git'), 'utf8')).toBe(pointerBefore);
  });

  it('in a main checkout, cannot write .git/hooks/pre-commit; git can still read the repository', async () => {
    const result = await run(
      'echo evil > .git/hooks/pre-commit; a=$?; git log -1 --format=%s; echo "$a"',
      'workspace-write',
      { cwd: fx.repo },
    );
    expect(result.stdout).toBe('initial commit\n1\n');
    expect(existsSync(join(fx.repo, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('cannot open a network connection, not even to 127.0.0.1 on the host', async () => {
    const viaNode = await run(connectWithNode(), 'workspace-write');
    expect(viaNode.exitCode).toBe(3);
    expect(viaNode.stdout).toMatch(/^REFUSED E/);
    const viaBash = await run(
      `exec 3<>/dev/tcp/127.0.0.1/${port} && echo CONNECTED || echo REFUSED`,
      'workspace-write',
    );
    expect(viaBash.stdout.trim()).toBe('REFUSED');
    expect(connections).toBe(0);
  });

  it('cannot read ~/.ssh or a token file in HOME', async () => {
    expect(readFileSync(join(fx.home, '.ssh/id_test'), 'utf8')).toBe('FAKE PRIVATE KEY\n');
    const result = await run(
      'cat ~/.ssh/id_test; echo "ssh=$?"; ls -A ~/.ssh | wc -l; cat ~/.npmrc | wc -c',
      'workspace-write',
    );
    expect(result.stdout).not.toContain('FAKE');
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['ssh=1', '0', '0']);
  });
});

describe('Unix sockets', () => {
  it('a network namespace does not block a socket file; hiding it does', async () => {
    const socketPath = join(fx.outside, 'agent.sock');
    const unix = createServer((socket) => socket.end('socket reached\n'));
    await new Promise<void>((resolve) => unix.listen(socketPath, resolve));
    try {
      const command = `'${process.execPath}' -e "require('net').connect('${socketPath}').on('data', d => { process.stdout.write(String(d)); process.exit(0); }).on('error', e => { console.log('REFUSED ' + e.code); process.exit(3); })"`;
      const wrap = async (hiddenPaths: string[]) => {
        const wrapped = await wrapCommand({
          command,
          cwd: fx.worktree,
          mode: 'workspace-write',
          network: false,
          env: fx.env,
          hiddenPaths,
        });
        if (isSandboxUnavailable(wrapped)) throw new Error(wrapped.unavailable);
        return runSandboxed(wrapped, { cwd: fx.worktree, timeoutMs: 20_000 });
      };
      // Why docker.sock and /run/user/<uid> are on the hidden list.
      expect((await wrap([])).stdout).toBe('socket reached\n');
      expect((await wrap([socketPath])).stdout).toMatch(/^REFUSED E/);
    } finally {
      await new Promise<void>((resolve) => unix.close(() => resolve()));
    }
  });
});

describe('other modes', () => {
  it('read-only refuses writes in the worktree too', async () => {
    const result = await run('echo x > inside.txt', 'read-only');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('Read-only file system');
    expect(existsSync(join(fx.worktree, 'inside.txt'))).toBe(false);
  });

  it('network can be granted in workspace-write', async () => {
    const result = await run(connectWithNode(), 'workspace-write', { network: true });
    expect(result.stdout).toBe('CONNECTED hello from the host\n');
  });

  it('danger-full-access lets the same escapes succeed (so the tests above can tell)', async () => {
    const outsideFile = join(fx.outside, 'escaped.txt');
    const hook = join(fx.commonDir, 'hooks', 'pre-commit');
    const result = await run(
      `echo x > '${outsideFile}' && echo evil > '${hook}' && cat ~/.ssh/id_test && ${connectWithNode()}`,
      'danger-full-access',
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('FAKE PRIVATE KEY\nCONNECTED hello from the host\n');
    expect(existsSync(outsideFile)).toBe(true);
    expect(readFileSync(hook, 'utf8')).toBe('evil\n');
    expect(connections).toBe(1);
  });
});
