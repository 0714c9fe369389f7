import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  createChannelPair,
  createRpcClient,
  type Project,
  type RpcClient,
  type Thread,
} from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { createRepo, git, TempDirs, type TestRepo } from './git-repo';
import { makeSkillHomes, type SkillHomesFixture } from './skill-fixtures';

/** One host for every destructive path: threads, review, rebase and skills (fake skill homes). */
export interface RecoverHost {
  host: Host;
  client: RpcClient;
  homes: SkillHomesFixture;
  /** The first project's repository and project; `addProject` makes more. */
  repo: TestRepo;
  project: Project;
  addProject(): Promise<{ repo: TestRepo; project: Project }>;
  readyThread(title: string, project?: Project): Promise<Thread>;
  waitForStatus(threadId: string, status: Thread['status']): Promise<Thread>;
  close(): Promise<void>;
}

const WAIT_POLL_MS = 25;
const WAIT_LIMIT_MS = 30_000;

/** Files of the first commit: the ones user work then edits, deletes or makes executable. */
export const BASE_FILES: Record<string, string> = {
  'README.md': 'readme\n',
  'app.ts': 'export const a = 1;\n',
  'gone.txt': 'deleted by the user\n',
  'run.sh': 'echo run\n',
};

export async function startRecoverHost(dirs: TempDirs): Promise<RecoverHost> {
  const homes = makeSkillHomes(dirs);
  const host = await createHost({
    dataDir: dirs.make('skein-recover-data-'),
    shell: '/bin/sh',
    skills: { home: homes.home, codexHome: homes.codexHome },
  });
  const [hostSide, clientSide] = createChannelPair();
  host.connect(hostSide);
  const client = createRpcClient(clientSide);
  const close = async () => {
    client.close();
    await host.dispose();
  };
  const addProject = async () => {
    const repo = createRepo(dirs, { files: BASE_FILES });
    // Rebases write commits: the user's identity, as a repository config (no global config in tests).
    repo.git('config', 'user.name', 'Recover Tester');
    repo.git('config', 'user.email', 'recover.tester@skein.invalid');
    const added = await client.api.project.add({ path: repo.path });
    const project = await client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
    return { repo, project };
  };
  const waitForStatus = async (threadId: string, status: Thread['status']): Promise<Thread> => {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const thread = await client.api.thread.get({ threadId });
      if (thread.status === status) return thread;
      if (Date.now() > deadline)
        throw new Error(
          `Thread ${threadId} is ${thread.status} (${thread.statusDetail ?? ''}), not ${status}`,
        );
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  };
  try {
    const { repo, project } = await addProject();
    const readyThread = async (title: string, of: Project = project) =>
      waitForStatus((await client.api.thread.start({ projectId: of.id, title })).id, 'ready');
    return { host, client, homes, repo, project, addProject, readyThread, waitForStatus, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Bytes that text handling would mangle: NUL, invalid UTF-8, CRLF, no final newline. */
export const BINARY_BYTES = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x00, 0x7f]);

/**
 * Uncommitted work of every kind a user leaves in a worktree: tracked edits (one staged, then edited
 * again), a deletion, an exec bit turned on, untracked files deep in new folders, a binary file, an
 * empty file, a name with spaces and non-ASCII letters, and a symlink.
 */
export function writeUserWork(worktree: string): void {
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(dirname(join(worktree, file)), { recursive: true });
    writeFileSync(join(worktree, file), content);
  };
  write('app.ts', 'export const a = 2;\r\nexport const staged = true;');
  git(worktree, ['add', 'app.ts']);
  write('app.ts', 'export const a = 3;\r\nexport const staged = "then edited";');
  write('README.md', 'readme, edited by the user\n');
  git(worktree, ['rm', '--quiet', 'gone.txt']);
  chmodSync(join(worktree, 'run.sh'), 0o755);
  write('notes/deep/draft.md', '# a draft nobody committed\n');
  write('assets/blob.bin', BINARY_BYTES);
  write('empty.txt', '');
  write('dossier à lire.txt', 'ünïcödé\n');
  symlinkSync('notes/deep/draft.md', join(worktree, 'draft-link'));
}

/**
 * Every file under `root` as `<kind> <exec bit> <sha256 or link target>`, by relative path, skipping
 * `.git` unless listed in `gitEntries` (paths under .git to include, e.g. config and hooks).
 * Reads only: no git command that could refresh an index.
 */
export function treeFingerprint(root: string, gitEntries: string[] = []): Record<string, string> {
  const print: Record<string, string> = {};
  const visit = (path: string) => {
    const stats = lstatSync(path);
    const name = relative(root, path);
    if (stats.isSymbolicLink()) print[name] = `link ${readlinkSync(path)}`;
    else if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (path === root && entry === '.git') continue;
        visit(join(path, entry));
      }
    } else {
      const exec = (stats.mode & 0o111) !== 0 ? 'x' : '-';
      print[name] = `file ${exec} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  visit(root);
  for (const entry of gitEntries) {
    const path = join(root, '.git', entry);
    if (existsSync(path)) visit(path);
    else print[relative(root, path)] = 'missing';
  }
  return print;
}

/**
 * Temp folders outside /tmp. A sandboxed command gets a private, empty /tmp, so a data folder under
 * /tmp would be invisible to it rather than read-only; real data folders live under HOME, where the
 * sandbox shows them read-only. Escape tests must face that case.
 */
export class OutsideTmpDirs extends TempDirs {
  private readonly made: string[] = [];

  constructor(private readonly parent = '/var/tmp') {
    super();
  }

  override make(prefix = 'skein-test-'): string {
    const dir = realpathSync(mkdtempSync(join(this.parent, prefix)));
    this.made.push(dir);
    return dir;
  }

  override cleanup(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
    super.cleanup();
  }
}
