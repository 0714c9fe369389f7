import type { Thread, ThreadBackend } from '../../src-shared/contract';
import type { AgentTestHost } from './agent-host';
import { createRepo, type TempDirs } from './git-repo';

/** A ready thread with `backend` chosen at thread/start, in a fresh project whose repo has a.txt = "one". */
export async function readyBackendThread(
  test: AgentTestHost,
  temp: TempDirs,
  backend: ThreadBackend,
): Promise<Thread> {
  const repo = createRepo(temp, { files: { 'a.txt': 'one\n' } });
  const project = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: project.id, settings: { poolSize: 0 } });
  const started = await test.client.api.thread.start({
    projectId: project.id,
    title: `${backend} work`,
    backend,
  });
  if (started.status === 'ready') return started;
  return test.waitFor(() => {
    const last = test
      .of('thread/updated')
      .filter((entry) => entry.thread.id === started.id)
      .at(-1)?.thread;
    return last?.status === 'ready' ? last : undefined;
  }, 'thread to be ready');
}
