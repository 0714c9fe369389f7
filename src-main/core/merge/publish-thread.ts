import { SkeinError, type PublishInfo, type PublishResult, type Thread } from '../../../src-shared/contract';
import {
  branchExists,
  diffStat,
  gitStderr,
  isGitFailure,
  listRemotes,
  pushBranch,
  type Remote,
} from '../git';
import { createLogger } from '../log';
import { compareUrl } from './compare-url';
import { findExecutable, GH_CREATE_TIMEOUT_MS, GH_STATUS_TIMEOUT_MS, lastUrl, type GhRunner } from './gh-cli';
import type { MergeContext } from './merge-context';
import { pullRequestBody } from './pull-request-body';

const log = createLogger('publish');

/** Files listed in a pull request's body; `--stat` sums up the rest in its last line. */
const BODY_STAT_FILES = 100;

export interface PublishInput {
  threadId: string;
  remote: string;
  pullRequest: boolean;
  title?: string;
  body?: string;
  draft?: boolean;
}

interface GhState {
  path: string | null;
  installed: boolean;
  loggedIn: boolean;
}

async function detectGh(context: MergeContext, gh: GhRunner, cwd: string): Promise<GhState> {
  const path = await findExecutable('gh', context.env);
  if (!path) return { path, installed: false, loggedIn: false };
  try {
    const status = await gh.run(path, ['auth', 'status'], {
      cwd,
      env: context.env,
      timeoutMs: GH_STATUS_TIMEOUT_MS,
    });
    return { path, installed: true, loggedIn: status.exitCode === 0 };
  } catch (error) {
    log.warn(`Could not run ${path} auth status`, error);
    return { path, installed: true, loggedIn: false };
  }
}

async function defaultBody(context: MergeContext, thread: Thread, cwd: string): Promise<string> {
  const requests = context
    .transcript(thread.id)
    .items.flatMap((item) => (item.kind === 'user_message' && !item.steer ? [item.text] : []));
  let stat = '';
  try {
    const base = (await branchExists(context.git, cwd, thread.base))
      ? `refs/heads/${thread.base}`
      : thread.base;
    stat = await diffStat(context.git, cwd, `${base}...refs/heads/${thread.branch}`, {
      maxFiles: BODY_STAT_FILES,
    });
  } catch (error) {
    // A base that is gone leaves the body without a file list, which the user can still write.
    log.warn(`No diff stat for the pull request of ${thread.id}`, error);
  }
  return pullRequestBody({ requests, diffStat: stat });
}

export async function readPublishInfo(
  context: MergeContext,
  gh: GhRunner,
  threadId: string,
): Promise<PublishInfo> {
  const thread = context.threads.get(threadId);
  const project = context.projects.get(thread.projectId);
  const [remotes, ghState, body] = await Promise.all([
    listRemotes(context.git, project.path, { env: context.gitEnv }),
    detectGh(context, gh, project.path),
    defaultBody(context, thread, project.path),
  ]);
  return {
    remotes,
    gh: { installed: ghState.installed, loggedIn: ghState.loggedIn },
    title: thread.title,
    body,
  };
}

function requireRemote(remotes: Remote[], name: string, repository: string): Remote {
  const remote = remotes.find((candidate) => candidate.name === name);
  if (remote) return remote;
  const known = remotes.map((candidate) => candidate.name).join(', ');
  throw new SkeinError(
    'NOT_FOUND',
    remotes.length > 0
      ? `There is no remote "${name}" in ${repository}; its remotes are ${known}. Pick one of them.`
      : `${repository} has no remotes. Add one (git remote add origin <url>), then publish again.`,
    { remote: name, remotes: remotes.map((candidate) => candidate.name) },
  );
}

/** Pushes the thread's branch and, when asked and gh is installed and logged in, opens a pull request. */
export async function publishThread(
  context: MergeContext,
  gh: GhRunner,
  input: PublishInput,
): Promise<PublishResult> {
  const thread = context.threads.get(input.threadId);
  const project = context.projects.get(thread.projectId);
  const cwd = project.path;
  const remote = requireRemote(
    await listRemotes(context.git, cwd, { env: context.gitEnv }),
    input.remote,
    cwd,
  );
  if (!(await branchExists(context.git, cwd, thread.branch))) {
    throw new SkeinError(
      'BRANCH_NOT_FOUND',
      `The thread's branch ${thread.branch} no longer exists in ${cwd}, so there is nothing to push.`,
      { branch: thread.branch },
    );
  }
  let output: string;
  try {
    output = await pushBranch(context.git, cwd, remote.name, thread.branch, { env: context.gitEnv });
  } catch (error) {
    if (!isGitFailure(error)) throw error;
    throw new SkeinError(
      'GIT_FAILED',
      `Pushing ${thread.branch} to ${remote.name} (${remote.url}) failed. Git said:\n${gitStderr(error).trim()}`,
      { ...error.details, remote: remote.name, branch: thread.branch },
    );
  }

  let pullRequestUrl: string | null = null;
  if (input.pullRequest) {
    const ghState = await detectGh(context, gh, cwd);
    if (ghState.path && ghState.loggedIn) {
      const title = input.title ?? thread.title;
      const body = input.body ?? (await defaultBody(context, thread, cwd));
      const args = [
        'pr',
        'create',
        '--head',
        thread.branch,
        '--base',
        thread.base,
        '--title',
        title,
        '--body',
        body,
      ];
      if (input.draft) args.push('--draft');
      const result = await gh.run(ghState.path, args, {
        cwd,
        env: context.env,
        timeoutMs: GH_CREATE_TIMEOUT_MS,
      });
      if (result.exitCode !== 0) {
        const said = result.timedOut
          ? `it did not finish within ${GH_CREATE_TIMEOUT_MS / 1000} s.`
          : result.stderr.trim() || result.stdout.trim() || `it exited with code ${String(result.exitCode)}.`;
        throw new SkeinError(
          'GH_FAILED',
          `${thread.branch} was pushed to ${remote.name}, but gh could not open the pull request. gh said:\n${said}`,
          { exitCode: result.exitCode, stderr: result.stderr, stdout: result.stdout, pushOutput: output },
        );
      }
      pullRequestUrl = lastUrl(result.stdout);
      output = [output, result.stdout.trim(), result.stderr.trim()].filter((text) => text !== '').join('\n');
    }
  }
  return {
    remote: remote.name,
    branch: thread.branch,
    pullRequestUrl,
    compareUrl: pullRequestUrl ? null : compareUrl(remote.url, thread.base, thread.branch),
    output,
  };
}
