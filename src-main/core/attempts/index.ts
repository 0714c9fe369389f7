export { createAttemptService } from './attempt-service';
export type { AttemptService, AttemptServiceDeps, StartAttemptsInput } from './types';
export { attemptTitle, variantLabel, variantSettings } from './attempt-titles';
export { comparisonRefName } from './compare-attempts';
export { splitFilePatch, joinHunks, type SplitPatch } from './file-patch';
export { usageOf, groupStatus } from './group-view';
export { ATTEMPT_UPDATE_DELAY_MS } from './group-updates';
