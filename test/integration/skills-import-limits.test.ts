import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitQueue } from '../../src-main/core/git';
import { createSkillImports } from '../../src-main/core/skills/skill-imports';
import { createSkillTrash } from '../../src-main/core/skills/skill-trash';
import { TempDirs } from '../support/git-repo';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const DAY = 24 * 60 * 60_000;

/** Accepts connections and never answers: a server that hangs. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('skill import and trash limits', () => {
  it('gives up a clone that never answers, with a sentence, and leaves no temporary folder', async () => {
    const server = await silentServer();
    const git = createGitQueue({ concurrency: 2 });
    const imports = createSkillImports(git, 800);
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('skein-skill-import-')).length;
    try {
      await expect(imports.preview(`http://127.0.0.1:${server.port}/skills.git`)).rejects.toThrow(
        /took longer than 0\.8 s and was stopped/,
      );
      const after = readdirSync(tmpdir()).filter((name) => name.startsWith('skein-skill-import-')).length;
      expect(after).toBe(before);
    } finally {
      await imports.dispose();
      git.dispose();
      await server.close();
    }
  });

  it('empties trash entries older than the keep period and keeps the recent ones restorable', async () => {
    const root = dirs.make('skein-skill-trash-');
    const trash = createSkillTrash(join(root, 'trash'));
    const make = (name: string) => {
      const folder = join(root, 'skills', name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'SKILL.md'), `---\nname: ${name}\ndescription: x\n---\n`);
      return folder;
    };
    const old = await trash.put(make('old-skill'), 'old-skill', 'user');
    const recent = await trash.put(make('recent-skill'), 'recent-skill', 'user');
    // The first was deleted 31 days ago, the second 29 days ago.
    const age = (entry: typeof old, days: number) =>
      writeFileSync(
        join(root, 'trash', entry.id, 'entry.json'),
        JSON.stringify({ ...entry, deletedAt: Date.now() - days * DAY }),
      );
    age(old, 31);
    age(recent, 29);
    const purged = await trash.purge(Date.now());
    expect(purged.map((entry) => entry.name)).toEqual(['old-skill']);
    expect((await trash.list()).map((entry) => entry.name)).toEqual(['recent-skill']);
    await trash.restore(recent.id);
    expect(existsSync(join(root, 'skills', 'recent-skill', 'SKILL.md'))).toBe(true);
  });
});
