import { type AttemptGroup, type AttemptVariant, type NotificationParams } from '../../src-shared/contract';
import { AgentTestHost, agentEnv } from './agent-host';
import { createRepo, type TempDirs, type TestRepo } from './git-repo';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply } from './model-server';

/** The check every attempt is judged by: passes only where answer.txt says 42. */
export const ANSWER_CHECK = 'test "$(cat answer.txt)" = 42';

/** Twenty lines, so edits at the top and the bottom make two separate hunks. */
export const README = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';

/** Models whose scripted replies differ: a right answer, a wrong one, and a model call that fails. */
export const GOOD_MODEL = 'scripted-good';
export const BAD_MODEL = 'scripted-bad';
export const BROKEN_MODEL = 'scripted-broken';

export const VARIANTS: AttemptVariant[] = [
  { backend: 'builtin', provider: 'openai', model: GOOD_MODEL },
  { backend: 'builtin', provider: 'openai', model: BAD_MODEL },
  { backend: 'builtin', provider: 'openai', model: BROKEN_MODEL },
];

function patchFor(answer: string): string {
  return [
    '*** Begin Patch',
    '*** Add File: answer.txt',
    `+${answer}`,
    '*** Update File: README.md',
    '@@',
    '-line 1',
    '+line one',
    '@@',
    '-line 20',
    `+line twenty (${answer})`,
    '*** End Patch',
  ].join('\n');
}

/**
 * Replies by the model the request names: the good and bad models write their answer with
 * `apply_patch` and then say they are done; the broken one fails the call outright.
 */
export function routeByModel(request: RecordedRequest): ScriptedReply {
  if (request.model === BROKEN_MODEL) {
    return { error: { status: 500, message: 'scripted-broken is down' } };
  }
  const answer = request.model === GOOD_MODEL ? '42' : '41';
  const answered = request.messages.some((message) => message.role === 'tool');
  if (answered) return { text: `Wrote ${answer}.`, usage: { input: 200, output: 10 } };
  return {
    toolCalls: [{ name: 'apply_patch', arguments: { patch: patchFor(answer) } }],
    usage: { input: 100, output: 20 },
  };
}

export interface AttemptRig {
  server: ModelServer;
  test: AgentTestHost;
  repo: TestRepo;
  projectId: string;
  updates: NotificationParams<'attempt/updated'>[];
  /** The last `attempt/updated` of the group that `probe` accepts. */
  groupWhere(groupId: string, probe: (group: AttemptGroup) => boolean, what: string): Promise<AttemptGroup>;
  /** Closes the host and starts another on the same data folder (it becomes `test`). */
  reopen(): Promise<AgentTestHost>;
  close(): Promise<void>;
}

/** A host on the scripted model server, a repository as a project (no pool), and the updates it sends. */
export async function startAttemptRig(dirs: TempDirs): Promise<AttemptRig> {
  const server = await startModelServer();
  server.script(routeByModel);
  const dataDir = dirs.make('skein-attempt-data-');
  const env = agentEnv(server, dirs);
  const test = await AgentTestHost.start(dataDir, env);
  const repo = createRepo(dirs, { files: { 'README.md': README } });
  const project = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const updates: NotificationParams<'attempt/updated'>[] = [];
  const waiters = new Set<() => void>();
  const follow = (host: AgentTestHost) =>
    host.client.on('attempt/updated', (params) => {
      updates.push(params);
      for (const wake of waiters) wake();
    });
  follow(test);
  const rig: AttemptRig = {
    server,
    test,
    repo,
    projectId: project.id,
    updates,
    groupWhere(groupId, probe, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const last = updates.filter((update) => update.group.id === groupId).at(-1)?.group;
          if (!last || !probe(last)) return;
          done();
          resolve(last);
        };
        const timer = setTimeout(() => {
          done();
          const last = updates.filter((update) => update.group.id === groupId).at(-1)?.group;
          reject(new Error(`Timed out waiting for ${what}; last update: ${JSON.stringify(last, null, 1)}`));
        }, 60_000);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async reopen() {
      await rig.test.host.services.attempts.idle();
      await rig.test.close();
      rig.test = await AgentTestHost.start(dataDir, env);
      follow(rig.test);
      return rig.test;
    },
    async close() {
      await rig.test.host.services.attempts.idle();
      await rig.test.close();
      await server.close();
    },
  };
  return rig;
}
