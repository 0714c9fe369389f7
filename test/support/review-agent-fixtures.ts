import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodParams, ReviewRun } from '../../src-shared/contract';
import { createAgentThread, type AgentTestHost, type AgentThread } from './agent-host';
import type { TempDirs } from './git-repo';

/** `src/retry.ts` as the base has it: 8 lines. */
export const RETRY_BASE = [
  'export const ATTEMPTS = 1;',
  '',
  'export async function retry<T>(work: () => Promise<T>): Promise<T> {',
  '  for (let attempt = 0; ; attempt += 1) {',
  '    try { return await work(); }',
  '    catch (error) { if (attempt >= ATTEMPTS) throw error; }',
  '  }',
  '}',
  '',
].join('\n');

/** The thread's uncommitted change: `src/retry.ts` grows to 11 lines; `src/delay.ts` (2 lines) is new. */
export const RETRY_CHANGED = RETRY_BASE.replace('ATTEMPTS = 1', 'ATTEMPTS = 3').replace(
  '    catch (error) { if (attempt >= ATTEMPTS) throw error; }',
  '    catch (error) {\n      if (attempt > ATTEMPTS) throw error;\n      await delay(attempt * 100);\n    }',
);
export const DELAY_FILE =
  'export const delay = (ms: number) =>\n  new Promise((resolve) => setTimeout(resolve, ms));\n';

/** A ready agent thread whose worktree has uncommitted work for the reviewer to read. */
export async function threadWithChanges(test: AgentTestHost, dirs: TempDirs): Promise<AgentThread> {
  const created = await createAgentThread(test, dirs, {
    'README.md': '# demo\n',
    'src/retry.ts': RETRY_BASE,
  });
  writeFileSync(join(created.thread.worktreePath, 'src/retry.ts'), RETRY_CHANGED);
  writeFileSync(join(created.thread.worktreePath, 'src/delay.ts'), DELAY_FILE);
  return created;
}

export interface FindingInput {
  title?: unknown;
  explanation?: unknown;
  file?: unknown;
  startLine?: unknown;
  endLine?: unknown;
  severity?: unknown;
  confidence?: unknown;
}

/** A valid finding on the off-by-one in `src/retry.ts`; override fields to make it malformed. */
export function finding(
  overrides: FindingInput & { omit?: (keyof FindingInput)[] } = {},
): Record<string, unknown> {
  const { omit = [], ...rest } = overrides;
  const base: Record<string, unknown> = {
    title: 'Retries one time too many',
    explanation: '`attempt > ATTEMPTS` lets the loop run ATTEMPTS + 1 times; use `>=`.',
    file: 'src/retry.ts',
    startLine: 6,
    endLine: 7,
    severity: 'high',
    confidence: 0.9,
    ...rest,
  };
  for (const key of omit) delete base[key];
  return base;
}

/** The reviewer's answer as JSON text. */
export function reviewAnswer(
  findings: unknown[],
  verdict = 'request_changes',
  summary = 'Adds retries with a delay.',
): string {
  return JSON.stringify({ verdict, summary, findings });
}

/** Starts a review over the RPC client and waits for it to end; returns the ended run. */
export async function runReview(
  test: AgentTestHost,
  threadId: string,
  options: Omit<MethodParams<'reviewAgent/run'>, 'threadId'> = {},
): Promise<{ started: ReviewRun; ended: ReviewRun }> {
  const { run: started } = await test.client.api.reviewAgent.run({ threadId, ...options });
  await test.host.services.reviewAgent.idle();
  const { runs } = await test.client.api.reviewAgent.runs({ threadId });
  const ended = runs.find((run) => run.id === started.id);
  if (!ended) throw new Error(`Review run ${started.id} is not listed`);
  return { started, ended };
}
