import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSkeinError } from '../../src-shared/contract';
import { createRepo, git, TempDirs } from '../support/git-repo';
import { makeSkillHomes, skillMarkdown, SkillTestHost, writeSkill } from '../support/skill-fixtures';

const dirs = new TempDirs();
let open: SkillTestHost | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
  dirs.cleanup();
});

async function start() {
  const homes = makeSkillHomes(dirs);
  open = await SkillTestHost.start(dirs.make('skein-skills-data-'), homes);
  return { test: open, homes, api: open.client.api };
}

async function rejection(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const kind = isSkeinError(error) ? error.kind : ((error as { kind?: string }).kind ?? 'unknown');
    return { kind, message: (error as Error).message };
  }
  throw new Error('expected a rejection');
}

describe('skills discovery', () => {
  it('finds skills in every scope, labels them, and says which duplicate wins', async () => {
    const { homes, api } = await start();
    const repo = createRepo(dirs, {
      files: {
        '.agents/skills/deploy/SKILL.md': skillMarkdown('deploy', 'Repo deploy.'),
        '.agents/skills/deploy/scripts/run.sh': 'echo hi\n',
        '.agents/skills/deploy/references/guide.md': '# guide\n',
        '.claude/skills/review-pr/SKILL.md': skillMarkdown('review-pr'),
      },
    });
    writeSkill(homes.user, 'deploy', skillMarkdown('deploy', 'User deploy.'));
    writeSkill(homes.user, 'notes');
    writeSkill(homes.codex, 'deploy', skillMarkdown('deploy', 'Codex deploy.'));
    writeSkill(join(homes.codex, '.system'), 'skill-creator');
    writeSkill(homes.claude, 'broken', '---\nname: Broken Name\n---\n');
    const project = await api.project.add({ path: repo.path });

    const { skills, roots } = await api.skills.list({ projectId: project.id });
    expect(roots.map((root) => [root.scope, root.path])).toEqual([
      ['repo', join(repo.path, '.agents', 'skills')],
      ['repo-claude', join(repo.path, '.claude', 'skills')],
      ['user', homes.user],
      ['codex', homes.codex],
      ['claude', homes.claude],
    ]);
    const summary = skills.map((s) => [s.scope, s.name, s.shadowedBy === null, s.valid]);
    expect(summary).toEqual([
      ['repo', 'deploy', true, true],
      ['repo-claude', 'review-pr', true, true],
      ['user', 'deploy', false, true],
      ['user', 'notes', true, true],
      ['codex', 'skill-creator', true, true],
      ['codex', 'deploy', false, true],
      ['claude', 'Broken Name', true, false],
    ]);
    const winner = skills[0];
    expect(winner?.description).toBe('Repo deploy.');
    expect(winner?.shadows).toEqual([join(homes.user, 'deploy'), join(homes.codex, 'deploy')]);
    expect(skills[2]?.shadowedBy).toBe(winner?.path);
    expect(winner?.files).toEqual([
      { path: 'references/guide.md', size: 8, kind: 'reference' },
      { path: 'scripts/run.sh', size: 8, kind: 'script' },
    ]);
    expect(skills[6]?.problems.map((p) => p.code)).toEqual([
      'name-format',
      'name-mismatch',
      'description-missing',
      'body-empty',
    ]);

    // Without a project only the user's, Codex's and Claude Code's folders are looked at.
    const global = await api.skills.list({});
    expect(global.skills.map((s) => s.scope)).toEqual(['user', 'user', 'codex', 'codex', 'claude']);
    expect(global.skills[0]?.shadowedBy).toBeNull();
  });

  it('publishes skills/changed when a skill changes on disk', async () => {
    const { test, homes, api } = await start();
    const folder = writeSkill(homes.user, 'notes');
    await api.skills.list({});
    writeFileSync(join(folder, 'SKILL.md'), skillMarkdown('notes', 'Edited outside Skein.'));
    const change = await test.waitFor(
      () => test.of('skills/changed').find((entry) => entry.roots.includes(homes.user)),
      'skills/changed for the user folder',
    );
    expect(change.roots).toEqual([homes.user]);
    const { skills } = await api.skills.list({});
    expect(skills[0]?.description).toBe('Edited outside Skein.');

    // A skills folder made after the listing (Codex's, here) is picked up too.
    writeSkill(homes.codex, 'late');
    await test.waitFor(
      () => test.of('skills/changed').find((entry) => entry.roots.includes(homes.codex)),
      'skills/changed for the new Codex folder',
    );
    expect((await api.skills.list({})).skills.map((s) => s.name)).toEqual(['notes', 'late']);
  });
});

describe('skills editing', () => {
  it('creates, validates, saves with problems, duplicates, renames and copies skills', async () => {
    const { homes, api } = await start();
    const created = await api.skills.create({
      scope: 'user',
      name: 'release-notes',
      description: 'Write notes.',
    });
    expect(created.skill.path).toBe(join(homes.user, 'release-notes'));
    expect(created.skill.problems).toEqual([]);
    expect(created.content).toContain('name: release-notes');

    const live = await api.skills.validate({
      content: '---\nname: other\ndescription: x\n---\nb\n',
      folderName: 'release-notes',
    });
    expect(live.problems.map((p) => [p.code, p.line])).toEqual([['name-mismatch', 2]]);

    const broken = '---\nname: release-notes\ndescription: [oops\n---\nbody\n';
    const saved = await api.skills.save({ path: created.skill.path, content: broken });
    expect(saved.problems[0]?.code).toBe('yaml-syntax');
    expect(saved.skill.valid).toBe(false);
    expect(readFileSync(join(created.skill.path, 'SKILL.md'), 'utf8')).toBe(broken);
    await api.skills.save({ path: created.skill.path, content: skillMarkdown('release-notes', 'Fixed.') });

    const copy = await api.skills.duplicate({ path: created.skill.path });
    expect(copy.skill.name).toBe('release-notes-copy');
    expect(copy.skill.problems).toEqual([]);
    const renamed = await api.skills.rename({ path: copy.skill.path, newName: 'changelog' });
    expect(renamed.skill.path).toBe(join(homes.user, 'changelog'));
    expect(renamed.content).toContain('name: changelog');
    expect(renamed.content).toContain('description: "Fixed."');
    expect(existsSync(copy.skill.path)).toBe(false);

    const inCodex = await api.skills.copyTo({ path: renamed.skill.path, scope: 'codex' });
    expect(inCodex.skill).toMatchObject({
      scope: 'codex',
      path: join(homes.codex, 'changelog'),
      shadowedBy: renamed.skill.path,
    });
    expect((await rejection(api.skills.copyTo({ path: renamed.skill.path, scope: 'codex' }))).kind).toBe(
      'INVALID_STATE',
    );
    expect((await rejection(api.skills.create({ scope: 'repo', name: 'x', description: 'y' }))).kind).toBe(
      'INVALID_STATE',
    );
  });

  it('deletes a skill to the trash and restores it', async () => {
    const { api, homes } = await start();
    const folder = writeSkill(homes.claude, 'pdf-tools', skillMarkdown('pdf-tools'), {
      'scripts/x.py': 'print(1)\n',
    });
    await api.skills.list({});
    const { entry } = await api.skills.delete({ path: folder });
    expect(entry).toMatchObject({ name: 'pdf-tools', scope: 'claude', originalPath: folder });
    expect(existsSync(folder)).toBe(false);
    expect((await api.skills.trash({})).entries.map((e) => e.id)).toEqual([entry.id]);
    expect((await api.skills.list({})).skills).toEqual([]);

    writeSkill(homes.claude, 'pdf-tools');
    expect((await rejection(api.skills.restore({ trashId: entry.id }))).kind).toBe('INVALID_STATE');
    await api.skills.delete({ path: folder });
    const trash = (await api.skills.trash({})).entries;
    expect(trash).toHaveLength(2);
    expect(await api.skills.restore({ trashId: entry.id })).toEqual({ path: folder });
    expect(readFileSync(join(folder, 'scripts', 'x.py'), 'utf8')).toBe('print(1)\n');
    expect((await api.skills.trash({})).entries).toHaveLength(1);
    expect((await rejection(api.skills.restore({ trashId: entry.id }))).kind).toBe('NOT_FOUND');
  });

  it('refuses paths outside the known skills folders', async () => {
    const { api, homes } = await start();
    const folder = writeSkill(homes.user, 'notes');
    const elsewhere = writeSkill(dirs.make('skein-not-skills-'), 'notes');
    for (const path of [
      elsewhere,
      homes.user,
      join(homes.user, '..', '..', 'notes'),
      join(homes.user, 'notes', '..', '..', '.bashrc'),
      'relative/notes',
      join(homes.home, '.bashrc'),
    ]) {
      const refused = await rejection(api.skills.save({ path, content: 'owned' }));
      expect(refused.kind, path).toBe('PATH_OUTSIDE_WORKTREE');
    }
    expect(readFileSync(join(elsewhere, 'SKILL.md'), 'utf8')).not.toBe('owned');

    // A symlinked folder inside a skills folder may not lead a write out of it…
    const outside = dirs.make('skein-skills-outside-');
    writeSkill(outside, 'inner');
    symlinkSync(outside, join(homes.user, 'linked'));
    const through = await rejection(
      api.skills.save({ path: join(homes.user, 'linked', 'inner'), content: 'owned' }),
    );
    expect(through.kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect((await api.skills.list({})).skills.map((s) => s.name)).toEqual(['notes']);
    expect(readFileSync(join(outside, 'inner', 'SKILL.md'), 'utf8')).not.toBe('owned');
    // …but a skill folder that is itself a symlink (one skill shared by several agents) is a skill.
    const shared = writeSkill(dirs.make('skein-skills-shared-'), 'shared');
    mkdirSync(homes.claude, { recursive: true });
    symlinkSync(shared, join(homes.claude, 'shared'), 'dir');
    const saved = await api.skills.save({
      path: join(homes.claude, 'shared'),
      content: skillMarkdown('shared', 'Kept.'),
    });
    expect(saved.skill.valid).toBe(true);
    expect(readFileSync(join(shared, 'SKILL.md'), 'utf8')).toContain('Kept.');
    expect((await rejection(api.skills.delete({ path: elsewhere }))).kind).toBe('PATH_OUTSIDE_WORKTREE');
    expect((await rejection(api.skills.get({ path: join(folder, 'scripts') }))).kind).toBe('NOT_FOUND');
  });

  it('keeps enabled settings per project and per thread', async () => {
    const { api, homes, test } = await start();
    writeSkill(homes.user, 'notes');
    const repo = createRepo(dirs);
    const project = await api.project.add({ path: repo.path });
    await api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
    const thread = await api.thread.start({ projectId: project.id, title: 'Skills' });
    await test.waitFor(
      () => test.of('thread/updated').find((e) => e.thread.id === thread.id && e.thread.status === 'ready'),
      'thread ready',
    );
    const state = async (context: { projectId?: string; threadId?: string }) =>
      (await api.skills.list(context)).skills.map((s) => [s.enabled, s.enabledSource]);

    expect(await state({ projectId: project.id })).toEqual([[true, 'default']]);
    await api.skills.setEnabled({ name: 'notes', projectId: project.id, enabled: false });
    expect(await state({ projectId: project.id })).toEqual([[false, 'project']]);
    expect(await state({ threadId: thread.id })).toEqual([[false, 'project']]);
    await api.skills.setEnabled({ name: 'notes', projectId: project.id, threadId: thread.id, enabled: true });
    expect(await state({ threadId: thread.id })).toEqual([[true, 'thread']]);
    expect(await state({ projectId: project.id })).toEqual([[false, 'project']]);
    await api.skills.setEnabled({ name: 'notes', projectId: project.id, enabled: null });
    expect(await state({ projectId: project.id })).toEqual([[true, 'default']]);
    expect(test.of('skills/changed').some((e) => e.roots.length === 0)).toBe(true);
  });
});

describe('skills import', () => {
  it('previews and imports skills from a local bare git repository', async () => {
    const { api, homes } = await start();
    const source = createRepo(dirs, {
      files: {
        'skills/pdf-tools/SKILL.md': skillMarkdown('pdf-tools'),
        'skills/pdf-tools/scripts/extract.py': 'print("pdf")\n',
        'skills/bad-one/SKILL.md': '---\nname: wrong\n---\n',
        'README.md': '# skills\n',
      },
    });
    const bare = join(dirs.make('skein-skills-bare-'), 'skills.git');
    git(dirs.make(), ['clone', '--quiet', '--bare', source.path, bare]);

    const preview = await api.skills.importPreview({ source: bare });
    expect(preview.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(preview.skills.map((s) => [s.name, s.relativePath, s.valid])).toEqual([
      ['wrong', 'skills/bad-one', false],
      ['pdf-tools', 'skills/pdf-tools', true],
    ]);
    const { skills } = await api.skills.import({
      previewId: preview.previewId,
      names: ['pdf-tools'],
      scope: 'user',
    });
    expect(skills.map((s) => [s.name, s.path, s.scope])).toEqual([
      ['pdf-tools', join(homes.user, 'pdf-tools'), 'user'],
    ]);
    expect(readFileSync(join(homes.user, 'pdf-tools', 'scripts', 'extract.py'), 'utf8')).toBe(
      'print("pdf")\n',
    );
    expect(existsSync(join(homes.user, 'pdf-tools', '.git'))).toBe(false);
    const again = await rejection(
      api.skills.import({ previewId: preview.previewId, names: ['pdf-tools'], scope: 'user' }),
    );
    expect(again.kind).toBe('INVALID_STATE');

    // A folder inside a checkout is read as it is, not cloned.
    const inside = await api.skills.importPreview({ source: join(source.path, 'skills') });
    expect([inside.commit, inside.skills.length]).toEqual([null, 2]);

    // A plain folder is read as it is; a source that is neither is refused with a sentence.
    const plain = dirs.make('skein-skills-plain-');
    writeSkill(plain, 'notes');
    const fromFolder = await api.skills.importPreview({ source: plain });
    expect(fromFolder.commit).toBeNull();
    expect(fromFolder.skills.map((s) => s.name)).toEqual(['notes']);
    await api.skills.import({ previewId: fromFolder.previewId, names: ['notes'], scope: 'claude' });
    expect(existsSync(join(homes.claude, 'notes', 'SKILL.md'))).toBe(true);
    expect((await rejection(api.skills.importPreview({ source: '--upload-pack=touch /tmp/x' }))).kind).toBe(
      'INVALID_STATE',
    );
    expect((await rejection(api.skills.importPreview({ source: join(plain, 'missing') }))).kind).toBe(
      'PATH_NOT_FOUND',
    );
  });
});
