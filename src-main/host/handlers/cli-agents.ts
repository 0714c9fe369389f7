import { SkeinError } from '../../../src-shared/contract';
import type { CliAgentService } from '../../core/cli-agents';
import type { ThreadService } from '../../core/threads';
import type { Router } from '../router';

export interface CliAgentHandlerServices {
  threads: Pick<ThreadService, 'get'>;
  cliAgents: CliAgentService;
}

export function registerCliAgentHandlers(router: Router, services: CliAgentHandlerServices): void {
  const { cliAgents, threads } = services;
  const ok = { ok: true } as const;

  router.register('cliAgents/presets', ({ refresh }) => cliAgents.presets({ refresh }));
  router.register('cliAgents/start', ({ threadId, ...rest }) => {
    const thread = threads.get(threadId);
    // Agents run in the thread's worktree, like its terminals: an archived thread has none to run in.
    if (thread.status === 'archived' || thread.archivedAt !== null) {
      throw new SkeinError(
        'INVALID_STATE',
        `The thread "${thread.title}" is archived; unarchive it to start an agent in it.`,
        { threadId },
      );
    }
    return cliAgents.start({ threadId, cwd: thread.worktreePath, ...rest });
  });
  router.register('cliAgents/list', ({ threadId }) => ({ agents: cliAgents.list(threadId) }));
  router.register('cliAgents/stop', ({ agentId }) => {
    cliAgents.stop(agentId);
    return ok;
  });
  router.register('cliAgents/validateTemplate', (template) => ({
    problems: cliAgents.validateTemplate(template),
  }));
  router.register('cliAgents/saveTemplate', (input) => ({ template: cliAgents.saveTemplate(input) }));
  router.register('cliAgents/removeTemplate', ({ templateId }) => {
    cliAgents.removeTemplate(templateId);
    return ok;
  });
}
