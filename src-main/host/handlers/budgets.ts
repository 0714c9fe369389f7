import type { HostServices } from '../create-host';
import type { Router } from '../router';

export function registerBudgetHandlers(router: Router, services: Pick<HostServices, 'budgets'>): void {
  const { budgets } = services;
  router.register('budget/get', (target) => budgets.view(target));
  router.register('budget/set', (input) => budgets.set(input));
}
