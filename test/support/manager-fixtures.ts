import { execFileSync } from 'node:child_process';
import type { Manager } from '../../src-shared/contract';
import type { AgentTestHost } from './agent-host';
import { createRepo, type TempDirs, type TestRepo } from './git-repo';
import type { RecordedRequest, ScriptResponder, ScriptedReply } from './model-server';

/** A scripted reply, or one computed from the request (it may wait, to hold a turn open). */
export type RoleReply =
  ScriptedReply | ((request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>);

/** The role a request belongs to: the `[role:NAME]` tag in its thread's first user message. */
export function roleOf(request: RecordedRequest): string | null {
  const first = request.messages.find((message) => message.role === 'user');
  return /\[role:([a-z0-9-]+)\]/.exec(first?.text ?? '')?.[1] ?? null;
}

/**
 * One scripted model for several threads at once: each thread's task carries a `[role:NAME]` tag,
 * and each role answers from its own queue, so a manager and its workers can run in parallel.
 */
export class RoleScript {
  private readonly queues = new Map<string, RoleReply[]>();
  readonly requests = new Map<string, RecordedRequest[]>();

  queue(role: string, replies: RoleReply[]): this {
    this.queues.set(role, [...(this.queues.get(role) ?? []), ...replies]);
    return this;
  }

  readonly responder: ScriptResponder = async (request) => {
    const role = roleOf(request) ?? 'untagged';
    this.requests.set(role, [...(this.requests.get(role) ?? []), request]);
    const next = this.queues.get(role)?.shift();
    if (!next) {
      return { error: { status: 500, message: `RoleScript: no reply left for role "${role}"` } };
    }
    return typeof next === 'function' ? next(request) : next;
  };

  /** The role's requests so far. */
  of(role: string): RecordedRequest[] {
    return this.requests.get(role) ?? [];
  }
}

/** The tool results of a request (the answers to the calls of the reply before it). */
export function toolResults(request: RecordedRequest | undefined): string[] {
  return (request?.messages ?? [])
    .filter((message) => message.role === 'tool')
    .map((message) => message.text);
}

/** The last tool result of a request. */
export function lastToolResult(request: RecordedRequest | undefined): string {
  return toolResults(request).at(-1) ?? '';
}

/** The worker ids `start_worker` returned in a manager's conversation, by title. */
export function startedWorkers(request: RecordedRequest): Map<string, string> {
  const ids = new Map<string, string>();
  for (const text of toolResults(request)) {
    const match = /Started worker "([^"]+)" with thread_id (\S+?)\./.exec(text);
    if (match?.[1] && match[2]) ids.set(match[1], match[2]);
  }
  return ids;
}

/** The id of the worker the manager started under `title`, from its conversation; throws when none. */
export function workerIdOf(request: RecordedRequest, title: string): string {
  const id = startedWorkers(request).get(title);
  if (!id) throw new Error(`No worker "${title}" in the manager's conversation`);
  return id;
}

export function addFilePatch(path: string, lines: string[]): string {
  return [
    '*** Begin Patch',
    `*** Add File: ${path}`,
    ...lines.map((line) => `+${line}`),
    '*** End Patch',
  ].join('\n');
}

export function replaceLinePatch(path: string, from: string, to: string): string {
  return ['*** Begin Patch', `*** Update File: ${path}`, '@@', `-${from}`, `+${to}`, '*** End Patch'].join(
    '\n',
  );
}

/** A repository added as a project (no worktree pool), with the check command given. */
export async function createManagerProject(
  test: AgentTestHost,
  dirs: TempDirs,
  checkCommand: string | null,
  files: Record<string, string> = { 'README.md': '# demo\n' },
): Promise<{ repo: TestRepo; projectId: string }> {
  const repo = createRepo(dirs, { files });
  const project = await test.client.api.project.add({ path: repo.path });
  await test.client.api.project.update({ projectId: project.id, settings: { poolSize: 0, checkCommand } });
  return { repo, projectId: project.id };
}

/** Every branch and the commit it points at: the user's and every thread's. */
export function branchTips(repoPath: string): string {
  return execFileSync('git', ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads'], {
    cwd: repoPath,
    encoding: 'utf8',
  });
}

export function gitOut(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** Records every `manager/updated` the client receives. */
export function recordManagerUpdates(test: AgentTestHost): Manager[] {
  const updates: Manager[] = [];
  test.client.on('manager/updated', ({ manager }) => updates.push(manager));
  return updates;
}

/** A promise with its resolve, to hold a scripted reply until the test lets it go. */
export function latch<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
