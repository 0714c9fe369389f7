export { createRebaseService } from './rebase-service';
export type { RebaseAgent, RebaseService, RebaseServiceDeps } from './types';
export { readRebaseProgress, lastDoneCommit, type RebaseProgress } from './rebase-dir';
export { findConflictRegions } from './conflict-markers';
export { rebaseConflictPrompt } from './agent-prompt';
