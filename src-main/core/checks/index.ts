export { runCheck, CHECK_TIMEOUT_MS, CHECK_OUTPUT_BYTES, type RunCheckOptions } from './run-check';
export { checkEnvironment } from './check-environment';
export { createCheckLimiter, type CheckLimiter } from './check-limiter';
export {
  createCheckService,
  CHECK_CONCURRENCY,
  type CheckService,
  type CheckServiceDeps,
} from './check-service';
