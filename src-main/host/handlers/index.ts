import type { Router } from '../router';
import type { HostServices } from '../create-host';
import { registerAgentHandlers } from './agents';
import { registerApprovalHandlers } from './approvals';
import { registerAttemptHandlers } from './attempts';
import { registerBudgetHandlers } from './budgets';
import { registerCliAgentHandlers } from './cli-agents';
import { registerConflictHandlers } from './conflicts';
import { registerHostHandlers } from './host';
import { registerManagerHandlers } from './managers';
import { registerMcpHandlers } from './mcp';
import { registerMergeHandlers } from './merge';
import { registerProjectHandlers } from './projects';
import { registerRebaseHandlers } from './rebase';
import { registerReviewHandlers } from './review';
import { registerReviewAgentHandlers } from './review-agent';
import { registerReviewCommentHandlers } from './review-comments';
import { registerSkillHandlers } from './skills';
import { registerTerminalHandlers } from './terminals';
import { registerThreadHandlers } from './threads';
import { registerTraceHandlers } from './traces';

/** Every request handler of the host, registered on its router (one file per domain). */
export function registerAllHandlers(router: Router, services: HostServices): void {
  registerHostHandlers(router, services);
  registerProjectHandlers(router, services);
  registerThreadHandlers(router, services);
  registerTerminalHandlers(router, services);
  registerCliAgentHandlers(router, services);
  registerAgentHandlers(router, services);
  registerApprovalHandlers(router, services);
  registerBudgetHandlers(router, services);
  registerMcpHandlers(router, services);
  registerMergeHandlers(router, services);
  registerReviewHandlers(router, services);
  registerReviewCommentHandlers(router, services);
  registerReviewAgentHandlers(router, services);
  registerSkillHandlers(router, services);
  registerConflictHandlers(router, services);
  registerRebaseHandlers(router, services);
  registerManagerHandlers(router, services);
  registerTraceHandlers(router, services);
  registerAttemptHandlers(router, services);
}
