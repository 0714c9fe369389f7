import { publicApproval } from '../../core/approvals';
import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerApprovalHandlers(
  router: Router,
  services: Pick<HostServices, 'agents' | 'approvals'>,
): void {
  const { agents, approvals } = services;
  router.register('approval/list', ({ threadId }) => ({
    approvals: approvals.pending(threadId).map(publicApproval),
  }));
  router.register('approval/respond', async ({ approvalId, decision, message }) => ({
    approval: await agents.respond(approvalId, decision, message),
  }));
  router.register('approval/rules', ({ threadId }) => ({ rules: approvals.rules(threadId) }));
  router.register('approval/removeRule', ({ ruleId }) => {
    approvals.removeRule(ruleId);
    return { ok: true as const };
  });
}
