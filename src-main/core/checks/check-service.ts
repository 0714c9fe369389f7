import { SkeinError, type CheckResult, type Project, type Thread } from '../../../src-shared/contract';
import { detectSandbox } from '../sandbox';
import { checkEnvironment } from './check-environment';
import { createCheckLimiter } from './check-limiter';
import { runCheck } from './run-check';

/**
 * Checks at once: a test suite usually keeps a core busy, and this is sized for a 2-core laptop
 * (more would make every check slower and the window sluggish, not the batch faster).
 */
export const CHECK_CONCURRENCY = 2;

export interface CheckServiceDeps {
  projects: { get(projectId: string): Project };
  /** Hidden from the check (Skein's keys, database and other worktrees live there). */
  dataDir: string;
  /** The host's environment for commands (process.env by default); provider keys are removed from it. */
  env?: NodeJS.ProcessEnv;
  /** Key values known to the host, scrubbed from the environment under any name. */
  secrets?: () => Promise<string[]>;
  concurrency?: number;
  timeoutMs?: number;
}

export interface CheckService {
  /** The project's check command; INVALID_STATE with what to do when none is set. */
  commandOf(projectId: string): string;
  /**
   * Runs the check in the thread's worktree once a slot is free. `onStart` is called with a
   * `running` result when it actually starts.
   */
  run(thread: Thread, onStart?: (running: CheckResult) => void): Promise<CheckResult>;
  dispose(): void;
}

export function createCheckService(deps: CheckServiceDeps): CheckService {
  const limiter = createCheckLimiter(deps.concurrency ?? CHECK_CONCURRENCY);
  const stop = new AbortController();

  const commandOf = (projectId: string): string => {
    const project = deps.projects.get(projectId);
    const command = project.settings.checkCommand?.trim() ?? '';
    if (command === '') {
      throw new SkeinError(
        'INVALID_STATE',
        `"${project.name}" has no check command. Set one in the project's settings (its test command, say) to check attempts.`,
        { projectId },
      );
    }
    return command;
  };

  return {
    commandOf,
    run(thread, onStart) {
      const command = commandOf(thread.projectId);
      return limiter.run(async () => {
        const env = checkEnvironment(deps.env ?? process.env, (await deps.secrets?.()) ?? []);
        onStart?.({
          command,
          status: 'running',
          exitCode: null,
          output: '',
          sandbox: (await detectSandbox()).kind,
          startedAt: Date.now(),
          completedAt: null,
        });
        return runCheck({
          command,
          cwd: thread.worktreePath,
          env,
          hiddenPaths: [deps.dataDir],
          timeoutMs: deps.timeoutMs,
          signal: stop.signal,
        });
      });
    },
    dispose() {
      stop.abort();
    },
  };
}
