import type { ConflictMatrix, ConflictPair, Project, Thread } from '../../src-shared/contract';
import { createRepo, type RepoSpec, type TempDirs, type TestRepo } from './git-repo';
import { startThreadsHost, type ThreadsTestHost } from './threads-host';

/** A real host, a repository added as a project (no pool), and ready threads of it, for conflict radar tests. */
export interface RadarFixture {
  t: ThreadsTestHost;
  repo: TestRepo;
  project: Project;
  threads: Thread[];
  /** Every `conflicts/updated` received, in order. */
  updates: ConflictMatrix[];
  /** Resolves with the first matrix (from now on, or the current one) that is settled and satisfies `done`. */
  waitForMatrix(done: (matrix: ConflictMatrix) => boolean, timeoutMs?: number): Promise<ConflictMatrix>;
  close(): Promise<void>;
}

/** The identity merges into the base are made with (repository config). */
const USER = { name: 'Radar Tester', email: 'radar.tester@skein.invalid' };

export async function startRadarFixture(
  dirs: TempDirs,
  titles: string[],
  spec: RepoSpec = {},
): Promise<RadarFixture> {
  const t = await startThreadsHost(dirs.make('skein-radar-data-'));
  const updates: ConflictMatrix[] = [];
  t.client.on('conflicts/updated', (matrix) => updates.push(matrix));
  try {
    const repo = createRepo(dirs, spec);
    repo.git('config', 'user.name', USER.name);
    repo.git('config', 'user.email', USER.email);
    const added = await t.client.api.project.add({ path: repo.path });
    const project = await t.client.api.project.update({ projectId: added.id, settings: { poolSize: 0 } });
    const threads: Thread[] = [];
    for (const title of titles) {
      const started = await t.client.api.thread.start({ projectId: project.id, title });
      threads.push(await t.waitForStatus(started.id, 'ready'));
    }
    const waitForMatrix = (done: (matrix: ConflictMatrix) => boolean, timeoutMs = 20_000) =>
      new Promise<ConflictMatrix>((resolve, reject) => {
        let last: ConflictMatrix | null = null;
        const check = (matrix: ConflictMatrix) => {
          if (matrix.projectId !== project.id) return;
          last = matrix;
          if (matrix.computing || !done(matrix)) return;
          clearTimeout(timer);
          stop();
          resolve(matrix);
        };
        const timer = setTimeout(() => {
          stop();
          reject(
            new Error(
              `The matrix did not reach the expected state in ${timeoutMs} ms: ${JSON.stringify(last)}`,
            ),
          );
        }, timeoutMs);
        const stop = t.client.on('conflicts/updated', check);
        void t.client.api.conflicts.get({ projectId: project.id }).then(check, (error: unknown) => {
          clearTimeout(timer);
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
    return { t, repo, project, threads, updates, waitForMatrix, close: () => t.close() };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** The cell of (a, b) in either order; `b` null is a's base. Throws when the matrix lacks it. */
export function cellOf(matrix: ConflictMatrix, a: string, b: string | null): ConflictPair {
  const found = matrix.pairs.find(
    (pair) => (pair.a === a && pair.b === b) || (b !== null && pair.a === b && pair.b === a),
  );
  if (!found) throw new Error(`No cell for ${a} / ${b ?? 'base'} in ${JSON.stringify(matrix.pairs)}`);
  return found;
}

/** Status of the cell of (a, b); undefined when there is no such cell (a thread that left the matrix). */
export function statusOf(
  matrix: ConflictMatrix,
  a: string,
  b: string | null,
): ConflictPair['status'] | undefined {
  return matrix.pairs.find(
    (pair) => (pair.a === a && pair.b === b) || (b !== null && pair.a === b && pair.b === a),
  )?.status;
}

/** `count` numbered lines, with line `n` replaced per `edits` (1-based). */
export function linesWith(count: number, edits: Record<number, string> = {}): string {
  return Array.from({ length: count }, (_, index) => `${edits[index + 1] ?? `line ${index + 1}`}\n`).join('');
}
