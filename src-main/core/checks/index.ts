export { runCheck, CHECK_TIMEOUT_MS, CHECK_OUTPUT_BYTES, type RunCheckOptions } from './run-check';
