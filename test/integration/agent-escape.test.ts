import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentSandboxMode, Thread } from '../../src-shared/contract';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import { createRepo, type TestRepo } from '../support/git-repo';
import { startModelServer, type ModelServer, type ScriptedReply } from '../support/model-server';
import { OutsideTmpDirs, treeFingerprint } from '../support/recover-fixtures';

/**
 * Issue #9: the built-in agent of thread A, scripted over HTTP, tries to write into thread B's
 * worktree, the user's main checkout and the repository's git metadata, with every write tool and
 * with shell commands, under approval policy `never` (nothing asks) and sandbox `workspace-write`.
 * Each attempt must fail, say why to the model, and leave B and the main checkout byte-identical.
 */
const dirs = new OutsideTmpDirs();
let server: ModelServer;
let test: AgentTestHost;
let repo: TestRepo;
let a: Thread;
let b: Thread;

async function readyThread(projectId: string, title: string): Promise<Thread> {
  const started = await test.client.api.thread.start({ projectId, title });
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const thread = await test.client.api.thread.get({ threadId: started.id });
    if (thread.status === 'ready') return thread;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Thread "${title}" did not become ready`);
}

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(dirs.make('skein-escape-data-'), agentEnv(server, dirs));
  repo = createRepo(dirs, { files: { 'README.md': 'readme\n', 'app.ts': 'export const a = 1;\n' } });
  const added = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
  expect(test.dataDir.startsWith('/tmp/')).toBe(false);
  a = await readyThread(added.id, 'Agent A');
  b = await readyThread(added.id, 'Thread B');
  // B holds work of its own that must survive: an edit and an untracked file.
  writeFileSync(join(b.worktreePath, 'README.md'), 'readme, edited in B\n');
  writeFileSync(join(b.worktreePath, 'b-notes.txt'), 'untracked in B\n');
  writeFileSync(join(repo.path, 'user-notes.txt'), 'untracked in the main checkout\n');
});
afterEach(async () => {
  await test.close();
  await server.close();
  dirs.cleanup();
});

/** B's worktree with its .git pointer and per-worktree HEAD; the main checkout with config, hooks, HEAD and branches. */
function fingerprints(): Record<string, Record<string, string>> {
  const pointer = readFileSync(join(b.worktreePath, '.git'), 'utf8')
    .replace(/^gitdir:\s*/, '')
    .trim();
  return {
    b: treeFingerprint(b.worktreePath, ['']),
    bGitDir: { HEAD: readFileSync(join(pointer, 'HEAD'), 'utf8') },
    main: treeFingerprint(repo.path, ['config', 'hooks', 'HEAD', 'refs/heads', 'info']),
    worktrees: { list: repo.worktrees().join('\n'), branches: repo.branches().join('\n') },
  };
}

const patch = (...lines: string[]) => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');
const applyPatch = (id: string, ...lines: string[]) => ({
  id,
  name: 'apply_patch',
  arguments: { patch: patch(...lines) },
});
const shell = (id: string, command: string) => ({ id, name: 'shell', arguments: { command } });

async function runTurn(
  replies: ScriptedReply[],
  sandboxMode: AgentSandboxMode,
): Promise<Map<string, string>> {
  await test.client.api.agent.setSettings({
    scope: 'thread',
    threadId: a.id,
    settings: { approvalPolicy: 'never', sandboxMode },
  });
  server.script([...replies, { text: 'Done trying.' }]);
  await test.client.api.turn.start({ threadId: a.id, message: 'Escape', provider: 'openai' });
  const done = await test.turnCompleted(a.id);
  expect(test.of('approval/requested')).toEqual([]);
  expect(done.status).toBe('completed');
  const results = new Map<string, string>();
  for (const message of server.requests.at(-1)?.messages ?? [])
    if (message.role === 'tool' && message.toolCallId) results.set(message.toolCallId, message.text);
  return results;
}

describe('an agent cannot write into another thread or the main checkout', () => {
  it('refuses every write tool and shell route, says why, and changes nothing there', async () => {
    const toB = relative(a.worktreePath, b.worktreePath);
    const main = repo.path;
    const before = fingerprints();
    const results = await runTurn(
      [
        {
          toolCalls: [
            applyPatch('p_rel', `*** Add File: ${toB}/escaped.txt`, '+x'),
            applyPatch(
              'p_abs',
              `*** Update File: ${b.worktreePath}/README.md`,
              '@@',
              '-readme, edited in B',
              '+pwned',
            ),
            applyPatch('p_del', `*** Delete File: ${b.worktreePath}/b-notes.txt`),
            applyPatch(
              'p_move',
              '*** Update File: app.ts',
              `*** Move to: ${toB}/app.ts`,
              '@@',
              '-export const a = 1;',
              '+pwned',
            ),
            applyPatch('p_main', `*** Add File: ${main}/escaped.txt`, '+x'),
            applyPatch('p_hook', `*** Add File: ${main}/.git/hooks/pre-commit`, '+#!/bin/sh', '+echo pwned'),
            applyPatch('p_own_git', '*** Add File: .git/hooks/pre-commit', '+#!/bin/sh'),
          ],
        },
        {
          toolCalls: [
            shell('s_abs', `echo x > '${b.worktreePath}/escaped.txt'`),
            shell('s_rel', `echo x > ${toB}/escaped.txt`),
            shell('s_cp', `cp app.ts '${b.worktreePath}/README.md'`),
            shell('s_main', `echo x > '${main}/escaped.txt'`),
            shell('s_hook', `echo 'echo pwned' > '${main}/.git/hooks/pre-commit'`),
            shell('s_config', 'git config core.hooksPath /tmp/pwned'),
            shell('s_commit_main', `git -C '${main}' commit --allow-empty -m pwned`),
            shell('s_reset_b', `git -C '${b.worktreePath}' checkout -- README.md`),
            shell('s_worktree', `git worktree add --detach '${main}/evil' HEAD`),
            shell('s_link', `ln -s '${b.worktreePath}' linkB && ln -s '${main}' linkMain && echo linked`),
          ],
        },
        {
          toolCalls: [
            applyPatch('p_link', '*** Add File: linkB/escaped.txt', '+x'),
            applyPatch('p_link_main', '*** Add File: linkMain/escaped.txt', '+x'),
            shell('s_link_write', 'echo x > linkB/escaped.txt'),
            shell('s_link_main', 'echo x > linkMain/README.md'),
          ],
        },
      ],
      'workspace-write',
    );

    expect(fingerprints()).toEqual(before);
    expect(existsSync(join(a.worktreePath, 'linkB'))).toBe(true); // its own worktree stays writable

    const outside = /outside this thread's worktree/;
    expect(results.get('p_rel')).toMatch(outside);
    expect(results.get('p_abs')).toMatch(outside);
    expect(results.get('p_del')).toMatch(outside);
    expect(results.get('p_move')).toMatch(outside);
    expect(results.get('p_main')).toMatch(outside);
    expect(results.get('p_hook')).toMatch(outside);
    expect(results.get('p_own_git')).toMatch(/inside git metadata/);
    expect(results.get('p_link')).toMatch(/outside this thread's worktree \(through a symbolic link\)/);
    expect(results.get('p_link_main')).toMatch(/through a symbolic link/);
    for (const id of [
      'p_rel',
      'p_abs',
      'p_del',
      'p_move',
      'p_main',
      'p_hook',
      'p_own_git',
      'p_link',
      'p_link_main',
    ])
      expect(results.get(id)).toContain('The patch was not applied');

    // B lives in the data folder, which commands do not see at all; the main checkout is read-only.
    const hidden = /No such file or directory/;
    const readOnly = /Read-only file system/;
    const refusals: Record<string, RegExp> = {
      s_abs: hidden,
      s_rel: hidden,
      s_cp: hidden,
      s_link_write: hidden,
      s_reset_b: hidden,
      s_main: readOnly,
      s_hook: readOnly,
      s_link_main: readOnly,
      s_config: readOnly,
      s_commit_main: readOnly,
      s_worktree: readOnly,
    };
    for (const [id, why] of Object.entries(refusals)) {
      expect(results.get(id), id).not.toContain('Exit code: 0');
      expect(results.get(id), id).toMatch(why);
    }
    expect(results.get('s_link')).toContain('Exit code: 0');

    // The links the agent left must not lead the host astray either: deleting A (snapshot, then the
    // worktree removed) removes the links, not what they point at.
    const { trash } = await test.client.api.thread.delete({ threadId: a.id, force: true });
    expect(trash).toHaveLength(1);
    expect(existsSync(a.worktreePath)).toBe(false);
    const after = fingerprints();
    expect(after.b).toEqual(before.b);
    expect(after.bGitDir).toEqual(before.bGitDir);
    const mainBefore = { ...before.main };
    delete mainBefore[`.git/refs/heads/${a.branch}`];
    expect(after.main).toEqual(mainBefore);
  });

  it('the same shell write lands under danger-full-access (so the test above can tell)', async () => {
    const before = fingerprints();
    const results = await runTurn(
      [{ toolCalls: [shell('s_abs', `echo x > '${b.worktreePath}/escaped.txt'`)] }],
      'danger-full-access',
    );
    expect(results.get('s_abs')).toContain('Exit code: 0');
    expect(readFileSync(join(b.worktreePath, 'escaped.txt'), 'utf8')).toBe('x\n');
    expect(fingerprints().b).not.toEqual(before.b);
  });
});
