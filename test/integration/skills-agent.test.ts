import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentEnv } from '../support/agent-host';
import { createRepo, TempDirs } from '../support/git-repo';
import { startModelServer } from '../support/model-server';
import { makeSkillHomes, skillMarkdown, SkillTestHost, writeSkill } from '../support/skill-fixtures';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('skills in the built-in agent', () => {
  it('lists enabled skills in the instructions and puts a $mentioned SKILL.md into the turn', async () => {
    const server = await startModelServer();
    const homes = makeSkillHomes(dirs);
    const test = await SkillTestHost.start(dirs.make('skein-skills-agent-'), homes, agentEnv(server, dirs));
    try {
      const body = 'Always run `make release-check` before tagging. SECRET-SKILL-BODY-7781.\n';
      const release = writeSkill(
        homes.user,
        'release-notes',
        skillMarkdown('release-notes', 'Write release notes.', body),
        { 'references/checklist.md': 'CHECKLIST-LINE-4410\n' },
      );
      writeSkill(homes.codex, 'hidden-one', skillMarkdown('hidden-one', 'Disabled for this project.'));
      writeSkill(homes.claude, 'broken', '---\nname: nope\n---\n');
      const repo = createRepo(dirs, {
        files: {
          '.agents/skills/lint-fix/SKILL.md': skillMarkdown('lint-fix', 'Fix lint errors in the repo.'),
        },
      });
      const api = test.client.api;
      const project = await api.project.add({ path: repo.path });
      await api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
      await api.skills.setEnabled({ name: 'hidden-one', projectId: project.id, enabled: false });
      const started = await api.thread.start({ projectId: project.id, title: 'Release' });
      await test.waitFor(
        () =>
          test.of('thread/updated').find((e) => e.thread.id === started.id && e.thread.status === 'ready'),
        'thread ready',
      );

      const hidden = join(homes.codex, 'hidden-one', 'SKILL.md');
      server.script([
        {
          toolCalls: [
            {
              id: 'call_ref',
              name: 'read_file',
              arguments: { path: join(release, 'references', 'checklist.md') },
            },
            { id: 'call_hidden', name: 'read_file', arguments: { path: hidden } },
          ],
        },
        { text: 'Notes written.' },
      ]);
      await api.turn.start({
        threadId: started.id,
        message: 'Write the notes with $release-notes please ($unknown-skill is not one).',
        provider: 'openai-chat',
      });
      await test.waitFor(
        () => test.of('turn/completed').find((e) => e.turn.threadId === started.id),
        'turn end',
      );

      const request = server.requests[0];
      const system = request?.messages[0]?.text ?? '';
      expect(system).toContain('- release-notes: Write release notes.');
      expect(system).toContain('- lint-fix: Fix lint errors in the repo.');
      expect(system).not.toContain('hidden-one');
      expect(system).not.toContain('nope');
      const user = request?.messages.filter((m) => m.role === 'user').at(-1)?.text ?? '';
      expect(user).toContain('Write the notes with $release-notes please');
      expect(user).toContain('SECRET-SKILL-BODY-7781');
      expect(user).toContain(`path="${release}"`);
      expect(user).not.toContain('Fix lint errors');

      // The agent reads an enabled skill's other files by absolute path; a disabled skill's stay out of reach.
      const results = (server.requests[1]?.messages ?? [])
        .filter((m) => m.role === 'tool')
        .map((m) => m.text);
      expect(results[0]).toContain('CHECKLIST-LINE-4410');
      expect(results[1]).toContain('outside this thread');

      const { items } = await api.thread.items({ threadId: started.id });
      const message = items.find((item) => item.kind === 'user_message');
      expect(message?.kind === 'user_message' && message.skills).toEqual([
        { name: 'release-notes', scope: 'user', path: join(homes.user, 'release-notes') },
      ]);
      // The transcript keeps what the user typed; the skill's body went to the model only.
      expect(message?.kind === 'user_message' && message.text).toBe(
        'Write the notes with $release-notes please ($unknown-skill is not one).',
      );

      // A steer mentioning a skill brings its SKILL.md to the model too, and the transcript says so.
      server.script([{ text: 'word '.repeat(12).split(/(?<= )/), chunkDelayMs: 30 }, { text: 'Steered.' }]);
      await api.turn.start({ threadId: started.id, message: 'Start drafting', provider: 'openai-chat' });
      await test.waitFor(() => test.of('item/delta').find((delta) => delta.stream === 'text'), 'first words');
      await api.turn.steer({ threadId: started.id, message: 'Use $lint-fix as well' });
      await test.waitFor(
        () => test.of('turn/completed').filter((e) => e.turn.threadId === started.id)[1],
        'steered turn end',
      );
      const steered =
        server.requests
          .at(-1)
          ?.messages.filter((m) => m.role === 'user')
          .at(-1)?.text ?? '';
      expect(steered).toContain('Use $lint-fix as well');
      expect(steered).toContain('Fix lint errors in the repo.');
      const after = await api.thread.items({ threadId: started.id });
      const steer = after.items.find((item) => item.kind === 'user_message' && item.steer);
      expect(steer?.kind === 'user_message' && steer.skills?.map((skill) => skill.name)).toEqual([
        'lint-fix',
      ]);
    } finally {
      await test.close();
      await server.close();
    }
  });
});
