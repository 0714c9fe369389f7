import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChannelPair,
  createRpcClient,
  RpcError,
  type ErrorKind,
  type MethodName,
  type MethodParams,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { createRepo, TempDirs, type TestRepo } from '../support/git-repo';
import { attackPath, PATH_ATTACKS, snapshotFolder, type PathAttack } from '../support/fuzz/path-attacks';

/**
 * Every contract method that takes a path or file name, tried with `..`, an absolute path outside,
 * a symlink out of the worktree (or skills folder), a NUL byte, a path over PATH_MAX and a segment
 * over NAME_MAX. Each must refuse with a clear kind (or, where an outside path is legitimate, only
 * read it), and nothing outside the worktree may change.
 */
const dirs = new TempDirs();
let host: Host;
let client: RpcClient;
let repo: TestRepo;
let outside: string;
let home: string;
let thread: Thread;
let skillsRoot: string;

type Outcome = 'ok' | ErrorKind;

async function outcome(method: MethodName, params: unknown): Promise<Outcome> {
  try {
    await client.call(method, params as MethodParams<typeof method>);
    return 'ok';
  } catch (error) {
    if (error instanceof RpcError) return error.kind;
    throw error;
  }
}

async function waitReady(threadId: string): Promise<Thread> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const current = await client.api.thread.get({ threadId });
    if (current.status === 'ready') return current;
    if (Date.now() > deadline) throw new Error(`Thread ${threadId} is ${current.status}, not ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const root = dirs.make('skein-traversal-');
  outside = join(root, 'outside');
  home = join(root, 'home');
  mkdirSync(outside);
  mkdirSync(join(outside, 'stolen-skill'));
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  writeFileSync(join(outside, 'stolen-skill', 'SKILL.md'), '---\nname: stolen-skill\ndescription: x\n---\n');
  skillsRoot = join(home, '.agents', 'skills');
  mkdirSync(skillsRoot, { recursive: true });
  symlinkSync(outside, join(skillsRoot, 'escape'));
  repo = createRepo(dirs, { files: { 'README.md': '# traversal\n', 'src/app.ts': 'export {};\n' } });
  // A committed symlink out of the repository: every worktree of it has one too.
  symlinkSync(outside, join(repo.path, 'escape'));
  repo.commit('Add a symlink out');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, CODEX_HOME: join(home, '.codex') };
  host = await createHost({
    dataDir: join(root, 'data'),
    shell: '/bin/sh',
    skills: { home, codexHome: join(home, '.codex') },
    agents: { env },
    merge: { env },
  });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  client = createRpcClient(clientSide);
  const project = await client.api.project.add({ path: repo.path });
  await client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const started = await client.api.thread.start({ projectId: project.id, title: 'traversal' });
  thread = await waitReady(started.id);
});

afterAll(async () => {
  client?.close();
  await host?.dispose();
  dirs.cleanup();
});

/** Methods whose path is a repository-relative path inside the thread's worktree. */
function worktreeMethods(): Array<[MethodName, (path: string) => unknown]> {
  const commit = thread.baseCommit;
  const threadId = thread.id;
  return [
    ['review/fileDiff', (path) => ({ threadId, from: commit, to: commit, path })],
    ['review/fileDiff', (path) => ({ threadId, from: commit, to: commit, path: 'README.md', oldPath: path })],
    ['review/revertFile', (path) => ({ threadId, path })],
    ['review/revertHunk', (path) => ({ threadId, path, header: '@@ -1 +1 @@', to: commit })],
    ['review/commit', (path) => ({ threadId, message: 'traversal', paths: [path] })],
    [
      'review/addComment',
      (path) => ({ threadId, path, side: 'new', startLine: 1, endLine: 1, body: 'x', quote: '' }),
    ],
    ['rebase/file', (path) => ({ threadId, path })],
    ['rebase/resolve', (path) => ({ threadId, path, content: 'pwned\n' })],
    [
      'attempt/takeHunks',
      (path) => ({ groupId: 'g', fromThreadId: threadId, toThreadId: threadId, path, hunks: [0] }),
    ],
  ];
}

/** What a worktree method answers to each attack: the schema refuses `..`, absolute and over-long paths. */
const WORKTREE_REFUSALS: Record<PathAttack, readonly Outcome[]> = {
  dotdot: ['INVALID_PARAMS'],
  absolute: ['INVALID_PARAMS'],
  longPath: ['INVALID_PARAMS'],
  // The symlink and odd names reach the service, which finds no change, no rebase, no attempt there.
  symlink: ['INVALID_STATE', 'NOT_FOUND', 'PATH_OUTSIDE_WORKTREE', 'GIT_FAILED', 'ok'],
  nul: ['INVALID_PARAMS'],
  longSegment: ['INVALID_STATE', 'NOT_FOUND', 'GIT_FAILED', 'ok'],
};

/** Paths a user may legitimately point anywhere: each attack is read at most, and refused when malformed. */
const LEGIT_EXPECTED: Record<string, Record<PathAttack, Outcome>> = {
  // Relative paths resolve against the host's folder; a symlink to a known repository is that repository.
  'project/add': {
    dotdot: 'NOT_A_GIT_REPO',
    absolute: 'NOT_A_GIT_REPO',
    symlink: 'PROJECT_EXISTS',
    nul: 'PATH_NOT_FOUND',
    longPath: 'INVALID_PARAMS',
    longSegment: 'PATH_NOT_FOUND',
  },
  // Not a local folder: taken for a git URL, whose clone fails. A symlinked repository is read (a preview only).
  'skills/importPreview': {
    dotdot: 'INVALID_STATE',
    absolute: 'PATH_NOT_FOUND',
    symlink: 'ok',
    nul: 'INVALID_STATE',
    longPath: 'INVALID_PARAMS',
    longSegment: 'INVALID_STATE',
  },
  // Only full paths of files are read; a file that is not an MCP configuration is refused.
  'mcp/importPreview': {
    dotdot: 'INVALID_PARAMS',
    absolute: 'INVALID_PARAMS',
    symlink: 'INVALID_PARAMS',
    nul: 'INVALID_PARAMS',
    longPath: 'INVALID_PARAMS',
    longSegment: 'INVALID_PARAMS',
  },
  // A test answers with its outcome (a server that could not start is a result, not an error).
  'mcp/test': {
    dotdot: 'ok',
    absolute: 'ok',
    symlink: 'ok',
    nul: 'ok',
    longPath: 'INVALID_PARAMS',
    longSegment: 'ok',
  },
  // Validation reports problems in its result and runs nothing.
  'cliAgents/validateTemplate': {
    dotdot: 'ok',
    absolute: 'ok',
    symlink: 'ok',
    nul: 'ok',
    longPath: 'INVALID_PARAMS',
    longSegment: 'ok',
  },
};

/** Skill folders are named by absolute path and must sit directly in a known skills folder, symlinks resolved. */
const SKILL_OUTCOMES: Record<PathAttack, Outcome> = {
  dotdot: 'PATH_OUTSIDE_WORKTREE',
  absolute: 'PATH_OUTSIDE_WORKTREE',
  symlink: 'PATH_OUTSIDE_WORKTREE',
  nul: 'NOT_FOUND',
  longPath: 'INVALID_PARAMS',
  longSegment: 'NOT_FOUND',
};

describe('path traversal', () => {
  it('worktree paths: refused, and nothing outside changes', async () => {
    const before = snapshotFolder(outside);
    const seen: string[] = [];
    for (const [method, build] of worktreeMethods()) {
      for (const attack of PATH_ATTACKS) {
        const path = attackPath(attack, { outside, symlinkPath: 'escape/secret.txt' });
        const result = await outcome(method, build(path));
        seen.push(`${method} ${attack}: ${result}`);
        expect(WORKTREE_REFUSALS[attack], `${method} with ${attack}`).toContain(result);
        // Only a comment (data about a line, never a file access) may be stored for an odd name.
        if (result === 'ok') expect(method).toBe('review/addComment');
      }
    }
    expect(snapshotFolder(outside)).toEqual(before);
    expect(seen.length).toBe(worktreeMethods().length * PATH_ATTACKS.length);
  });

  it('skill folder paths: refused outside the known skills folders', async () => {
    const before = snapshotFolder(outside);
    const skillPath: Record<PathAttack, string> = {
      dotdot: `${skillsRoot}/../../../outside/stolen-skill`,
      absolute: join(outside, 'stolen-skill'),
      // The skills folder holds a symlink to `outside`: a skill below it must not count as inside.
      symlink: join(skillsRoot, 'escape', 'stolen-skill'),
      nul: join(skillsRoot, 'a\0b'),
      longPath: `${skillsRoot}/${'a/'.repeat(2_100)}`,
      longSegment: join(skillsRoot, 'x'.repeat(300)),
    };
    const content = '---\nname: pwned\ndescription: pwned\n---\npwned\n';
    const methods: Array<[MethodName, (path: string) => unknown]> = [
      ['skills/get', (path) => ({ path })],
      ['skills/save', (path) => ({ path, content })],
      ['skills/duplicate', (path) => ({ path, newName: 'pwned-copy' })],
      ['skills/rename', (path) => ({ path, newName: 'pwned' })],
      ['skills/delete', (path) => ({ path })],
      ['skills/copyTo', (path) => ({ path, scope: 'user' })],
    ];
    for (const [method, build] of methods) {
      for (const attack of PATH_ATTACKS) {
        const result = await outcome(method, build(skillPath[attack]));
        expect(SKILL_OUTCOMES[attack], `${method} with ${attack}`).toBe(result);
      }
    }
    expect(snapshotFolder(outside)).toEqual(before);
  });

  it('paths that may point anywhere (a repository, a file to import, a program, a cwd): read only, never INTERNAL', async () => {
    const before = snapshotFolder(outside);
    const repoLink = join(dirs.make('skein-traversal-link-'), 'repo-link');
    symlinkSync(repo.path, repoLink);
    const userPath = (attack: PathAttack) =>
      attack === 'symlink' ? repoLink : attackPath(attack, { outside, symlinkPath: repoLink });
    const methods: Array<[MethodName, (path: string) => unknown]> = [
      ['project/add', (path) => ({ path })],
      ['skills/importPreview', (source) => ({ source })],
      ['mcp/importPreview', (path) => ({ source: { kind: 'file', path }, scope: 'user' })],
      ['mcp/test', (cwd) => ({ server: { name: 'probe', transport: 'stdio', command: 'true', cwd } })],
      ['cliAgents/validateTemplate', (executable) => ({ executable, args: [], promptDelivery: 'stdin' })],
    ];
    for (const [method, build] of methods) {
      for (const attack of PATH_ATTACKS) {
        const result = await outcome(method, build(userPath(attack)));
        expect(result, `${method} with ${attack}`).toBe(LEGIT_EXPECTED[method]?.[attack]);
      }
    }
    expect(snapshotFolder(outside)).toEqual(before);
  });

  it('setup files stay inside the repository and the worktree, symlinks included', async () => {
    // In the main checkout `linked` is a real folder; committed, it is a symlink out: a worktree gets the symlink.
    const linked = join(repo.path, 'linked');
    symlinkSync(outside, linked);
    repo.commit('A symlinked folder');
    rmSync(linked);
    mkdirSync(linked);
    writeFileSync(join(linked, 'planted.txt'), 'planted\n');
    const before = snapshotFolder(outside);
    const project = (await client.api.project.list({})).projects[0];
    if (!project) throw new Error('no project');
    const setupFiles = [
      ...PATH_ATTACKS.filter((attack) => attack !== 'longPath').map((attack) =>
        attackPath(attack, { outside, symlinkPath: 'escape/secret.txt' }),
      ),
      'linked/planted.txt',
    ];
    await client.api.project.update({ projectId: project.id, settings: { setupFiles } });
    const started = await client.api.thread.start({ projectId: project.id, title: 'setup files' });
    const ready = await waitReady(started.id);
    expect(ready.statusDetail).toContain(
      '"escape/secret.txt" was skipped: in the worktree it would be written through a symlink',
    );
    expect(ready.statusDetail).toContain('"linked/planted.txt" was skipped');
    expect(snapshotFolder(outside)).toEqual(before);
    expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
  });
});
