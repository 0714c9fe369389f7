export {
  createBudgetService,
  type BudgetModelHooks,
  type BudgetService,
  type BudgetServiceDeps,
  type SetBudgetInput,
} from './budget-service';
export { pauseMessage, refusalMessage, reachedLimit, formatTokens, formatUsd } from './budget-rules';
