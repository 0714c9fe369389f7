import { SkeinError, type Thread } from '../../../src-shared/contract';
import type { TerminalService } from '../../core/terminals';
import type { ThreadService } from '../../core/threads';
import type { Router } from '../router';

export interface TerminalHandlerServices {
  threads: Pick<ThreadService, 'get'>;
  terminals: TerminalService;
}

/** Terminals belong to a thread's worktree; an archived thread has none to run in. */
function liveThread(services: TerminalHandlerServices, threadId: string): Thread {
  const thread = services.threads.get(threadId);
  if (thread.status === 'archived' || thread.archivedAt !== null) {
    throw new SkeinError(
      'INVALID_STATE',
      `The thread "${thread.title}" is archived; unarchive it to use its terminals.`,
      {
        threadId,
      },
    );
  }
  return thread;
}

export function registerTerminalHandlers(router: Router, services: TerminalHandlerServices): void {
  const { terminals } = services;
  const ok = { ok: true } as const;

  router.register('terminal/open', ({ threadId, cols, rows, title }) => {
    const thread = liveThread(services, threadId);
    return terminals.open({ threadId, cwd: thread.worktreePath, cols, rows, title });
  });
  router.register('terminal/list', ({ threadId }) => ({ terminals: terminals.list(threadId) }));
  router.register('terminal/attach', ({ terminalId }, { connection }) =>
    terminals.attach(terminalId, connection),
  );
  router.register('terminal/detach', ({ terminalId }, { connection }) => {
    terminals.detach(terminalId, connection);
    return ok;
  });
  router.register('terminal/input', ({ terminalId, data }) => {
    terminals.input(terminalId, data);
    return ok;
  });
  router.register('terminal/resize', ({ terminalId, cols, rows }) => {
    terminals.resize(terminalId, cols, rows);
    return ok;
  });
  router.register('terminal/ack', ({ terminalId, chars }, { connection }) => {
    terminals.ack(terminalId, connection, chars);
    return ok;
  });
  router.register('terminal/kill', ({ terminalId }) => {
    terminals.kill(terminalId);
    return ok;
  });
  router.register('terminal/restart', ({ terminalId }) => {
    liveThread(services, terminals.get(terminalId).threadId);
    return terminals.restart(terminalId);
  });
  router.register('terminal/close', ({ terminalId }) => {
    terminals.close(terminalId);
    return ok;
  });
}
