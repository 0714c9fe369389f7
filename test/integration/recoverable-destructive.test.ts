import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Thread, TrashEntry } from '../../src-shared/contract';
import { git, TempDirs } from '../support/git-repo';
import {
  BINARY_BYTES,
  startRecoverHost,
  treeFingerprint,
  writeUserWork,
  type RecoverHost,
} from '../support/recover-fixtures';
import { writeSkill } from '../support/skill-fixtures';
import { rpcFailure } from '../support/threads-host';

/**
 * Nothing lost (issue #9): each path that destroys or overwrites user work, driven through the RPC
 * API as the UI drives it, then undone through the product's own way back (the Recover list's
 * trash/restore, unarchive, skills/restore), or with git where the product has none. "Back" means
 * every byte, exec bit and symlink of the worktree as the user left it.
 */
const dirs = new TempDirs();
let r: RecoverHost;

// One host and repository for every path (each test makes its own threads), as a user's session would.
beforeAll(async () => {
  r = await startRecoverHost(dirs);
});
afterAll(async () => {
  await r.close();
  dirs.cleanup();
});

const head = (worktree: string, rev = 'HEAD') => git(worktree, ['rev-parse', rev]).trim();

function commitIn(worktree: string, message: string): string {
  git(worktree, ['add', '--all']);
  git(worktree, ['commit', '--quiet', '-m', message]);
  return head(worktree);
}

/** Recovers a trash entry as the Recover list does, and waits for the new thread to be ready. */
async function recover(entry: TrashEntry): Promise<Thread> {
  const listed = (await r.client.api.trash.list({ projectId: r.project.id })).entries;
  expect(listed.map((e) => e.id)).toContain(entry.id);
  return r.waitForStatus((await r.client.api.trash.restore({ entryId: entry.id })).id, 'ready');
}

async function entryOfRef(ref: string | null): Promise<TrashEntry> {
  const entries = (await r.client.api.trash.list({ projectId: r.project.id })).entries;
  const entry = entries.find((e) => e.ref === ref);
  if (!entry)
    throw new Error(`No trash entry for ${ref ?? 'null'} among ${entries.map((e) => e.ref).join(', ')}`);
  return entry;
}

async function screenOf(terminalId: string): Promise<string> {
  const { screen } = await r.client.api.terminal.attach({ terminalId });
  await r.client.api.terminal.detach({ terminalId });
  return screen;
}

describe('destructive paths leave a recoverable snapshot', () => {
  it('thread/delete (forced): uncommitted, untracked and unmerged work come back through trash/restore', async () => {
    const thread = await r.readyThread('Delete me');
    writeFileSync(join(thread.worktreePath, 'done.ts'), 'committed, never merged\n');
    const unmerged = commitIn(thread.worktreePath, 'Unmerged commit');
    writeUserWork(thread.worktreePath);
    const before = treeFingerprint(thread.worktreePath);

    expect((await rpcFailure(r.client.api.thread.delete({ threadId: thread.id }))).kind).toBe(
      'WORKTREE_DIRTY',
    );
    const { trash } = await r.client.api.thread.delete({ threadId: thread.id, force: true });
    expect(trash).toHaveLength(1);
    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(r.repo.branches()).not.toContain(thread.branch);

    const restored = await recover(trash[0]!);
    expect(head(restored.worktreePath)).toBe(unmerged);
    expect(treeFingerprint(restored.worktreePath)).toEqual(before);
  });

  it('thread/archive: unarchive puts every byte back, and the terminal keeps its scrollback', async () => {
    const thread = await r.readyThread('Archive me');
    const terminal = await r.client.api.terminal.open({ threadId: thread.id });
    await r.client.api.terminal.input({ terminalId: terminal.id, data: 'echo scroll-$((6*7))\r' });
    for (let tries = 0; !(await screenOf(terminal.id)).includes('scroll-42'); tries += 1) {
      if (tries > 200) throw new Error('The terminal never showed scroll-42');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    writeUserWork(thread.worktreePath);
    const before = treeFingerprint(thread.worktreePath);

    const archived = await r.client.api.thread.archive({ threadId: thread.id });
    expect(archived.statusDetail).toMatch(/refs\/skein\/trash\//);
    expect(existsSync(thread.worktreePath)).toBe(false);
    expect(await screenOf(terminal.id)).toContain('scroll-42');

    const back = await r.client.api.thread.unarchive({ threadId: thread.id });
    expect(back.worktreePath).toBe(thread.worktreePath);
    expect(treeFingerprint(thread.worktreePath)).toEqual(before);
    expect(await screenOf(terminal.id)).toContain('scroll-42');
  });

  it('review/revertFile and review/revertHunk: each overwritten state comes back whole from its entry', async () => {
    const thread = await r.readyThread('Revert in me');
    writeUserWork(thread.worktreePath);
    const before = treeFingerprint(thread.worktreePath);

    const file = await r.client.api.review.revertFile({ threadId: thread.id, path: 'app.ts' });
    expect(readFileSync(join(thread.worktreePath, 'app.ts'), 'utf8')).toBe(
      git(thread.worktreePath, ['show', 'HEAD:app.ts']),
    );
    const afterFile = treeFingerprint(thread.worktreePath);

    const summary = await r.client.api.review.files({ threadId: thread.id, range: { kind: 'base' } });
    const diff = await r.client.api.review.fileDiff({
      threadId: thread.id,
      from: summary.from,
      to: summary.to,
      path: 'README.md',
    });
    const hunk = await r.client.api.review.revertHunk({
      threadId: thread.id,
      path: 'README.md',
      header: diff.hunks[0]!.header,
      to: summary.to,
    });
    expect(readFileSync(join(thread.worktreePath, 'README.md'), 'utf8')).toBe(
      git(thread.worktreePath, ['show', 'HEAD:README.md']),
    );

    const fromFile = await recover(await entryOfRef(file.trashRef));
    expect(treeFingerprint(fromFile.worktreePath)).toEqual(before);
    const fromHunk = await recover(await entryOfRef(hunk.trashRef));
    expect(treeFingerprint(fromHunk.worktreePath)).toEqual(afterFile);
  });

  it('rebase/start of a dirty branch: its commits and uncommitted work from before are in the Recover list', async () => {
    const thread = await r.readyThread('Rebase my work');
    writeFileSync(join(thread.worktreePath, 'feature.ts'), 'export const feature = true;\n');
    const committed = commitIn(thread.worktreePath, 'Thread commit');
    r.repo.commit('Base moves', { 'base.md': 'from the base\n' });
    writeUserWork(thread.worktreePath);
    const before = treeFingerprint(thread.worktreePath);

    const state = await r.client.api.rebase.start({ threadId: thread.id });
    expect(state).toMatchObject({ inProgress: false, conflicts: [] });
    expect(head(thread.worktreePath, 'HEAD^')).toBe(r.repo.head('main'));

    const restored = await recover(await entryOfRef(state.trashRef));
    expect(head(restored.worktreePath)).toBe(committed);
    expect(treeFingerprint(restored.worktreePath)).toEqual(before);
  });

  it('rebase of a clean branch whose conflict is resolved to the base: the old head is in the Recover list', async () => {
    const thread = await r.readyThread('Rebase clean');
    writeUserWork(thread.worktreePath);
    const mine = commitIn(thread.worktreePath, 'All my work, committed');
    const before = treeFingerprint(thread.worktreePath);
    r.repo.commit('Base edits app.ts', { 'app.ts': 'export const a = 100;\n' });

    const stopped = await r.client.api.rebase.start({ threadId: thread.id });
    expect(stopped.trashRef).toBeNull();
    expect(stopped.conflicts.map((c) => c.path)).toEqual(['app.ts']);
    await r.client.api.rebase.resolve({ threadId: thread.id, path: 'app.ts', take: 'base' });
    const done = await r.client.api.rebase.continue({ threadId: thread.id });
    expect(done.inProgress).toBe(false);
    // The user's app.ts is gone from the branch: only the kept head still has it.
    expect(readFileSync(join(thread.worktreePath, 'app.ts'), 'utf8')).toBe('export const a = 100;\n');

    const entries = (await r.client.api.trash.list({ projectId: r.project.id })).entries;
    const kept = entries.find((e) => e.threadId === thread.id && e.commit === mine);
    expect(kept?.reason).toBe('rebase: branch before rebasing onto main');
    const restored = await recover(kept!);
    expect(head(restored.worktreePath)).toBe(mine);
    expect(treeFingerprint(restored.worktreePath)).toEqual(before);
  });

  it('skills/delete: skills/restore puts the folder back, every file, byte and exec bit', async () => {
    const folder = writeSkill(r.homes.user, 'release-notes', undefined, {
      'scripts/collect.sh': '#!/bin/sh\necho collect\n',
      'templates/notes à lire.md': 'Notes\r\nwith CRLF',
      'templates/empty.md': '',
    });
    chmodSync(join(folder, 'scripts/collect.sh'), 0o755);
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'assets/icon.bin'), BINARY_BYTES);
    symlinkSync('templates/notes à lire.md', join(folder, 'NOTES'));
    const before = treeFingerprint(folder);
    await r.client.api.skills.list({});

    const { entry } = await r.client.api.skills.delete({ path: folder });
    expect(existsSync(folder)).toBe(false);
    expect((await r.client.api.skills.trash({})).entries.map((e) => e.id)).toContain(entry.id);
    expect(await r.client.api.skills.restore({ trashId: entry.id })).toEqual({ path: folder });
    expect(treeFingerprint(folder)).toEqual(before);
  });

  it('project/remove: trash refs and branches stay in the repository, and git brings the work back', async () => {
    const { repo, project } = await r.addProject();
    const thread = await r.readyThread('Outlives its project', project);
    writeFileSync(join(thread.worktreePath, 'kept.ts'), 'on the branch\n');
    const committed = commitIn(thread.worktreePath, 'Kept on the branch');
    writeUserWork(thread.worktreePath);
    const before = treeFingerprint(thread.worktreePath);
    await r.client.api.thread.archive({ threadId: thread.id });
    const [entry] = (await r.client.api.trash.list({ projectId: project.id })).entries;

    await r.client.api.project.remove({ projectId: project.id });
    expect(repo.head(thread.branch)).toBe(committed);
    expect(repo.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/skein/trash').trim()).toBe(
      `${entry!.ref} ${entry!.commit}`,
    );
    // No product path is left (the project's rows are gone): a detached worktree of the ref is the way back.
    const recovered = join(dirs.make('skein-recovered-'), 'work');
    repo.git('worktree', 'add', '--quiet', '--detach', recovered, entry!.ref);
    try {
      expect(head(recovered, 'HEAD^')).toBe(committed);
      expect(treeFingerprint(recovered)).toEqual(before);
    } finally {
      repo.git('worktree', 'remove', '--force', recovered);
    }
  });
});
