export { createGitQueue } from './queue';
export { gitEnvironment } from './environment';
export { GitAbortError, isGitAbortError, isGitFailure, gitStderr } from './errors';
export type { GitPriority, GitQueue, GitQueueOptions, GitResult, GitRunOptions } from './types';
export { resolveCommit, resolveTree, gitPath, probeRepository, type RepositoryProbe } from './rev-parse';
export { currentBranch, listBranches, branchExists, deleteBranch, readConfig } from './branches';
export { updateRef, deleteRef, pointHeadAt, listRefs } from './refs';
export { listWorktrees, parseWorktreeList, type WorktreeEntry } from './worktree-list';
export { addWorktree, type AddWorktreeInput } from './worktree-add';
export { removeWorktree, pruneWorktrees, checkoutDetached } from './worktree-remove';
export { worktreeStatus, parseStatusV2, type WorktreeStatus } from './status';
export { snapshotWorktree, restoreSnapshot, SNAPSHOT_IDENTITY, type WorktreeSnapshot } from './snapshot';
export {
  selectIgnoredFiles,
  describeSkippedIgnored,
  REGENERABLE_FOLDERS,
  IGNORED_FILE_LIMIT_BYTES,
  IGNORED_TOTAL_LIMIT_BYTES,
  type IgnoredSelection,
  type IgnoredSkip,
} from './ignored-files';
export { isAncestor, isMerged, countCommitsNotIn } from './merge-base';
export { mergeTree, parseMergeTree, type MergeTreeResult } from './merge-tree';
export { commitTree, type CommitTreeInput } from './commit-tree';
export {
  readCommit,
  parseCommitObject,
  listCommitsToReplay,
  listCommitSubjects,
  type CommitInfo,
  type CommitPerson,
} from './commit-info';
export { updateRefsTogether, type RefUpdate } from './update-refs';
export { switchIndexAndFiles, refreshIndex } from './read-tree';
export { changedPaths, parseNameStatus, diffStat, type TreeChange } from './diff-tree';
export { listRemotes, parseRemotes, type Remote } from './remotes';
export { pushBranch } from './push';
export {
  readCommitIdentity,
  resolveIdentity,
  parseConfigLines,
  identityEnvironment,
  type CommitIdentity,
} from './identity';
export {
  mergeTreeDetails,
  parseMergeTreeDetails,
  type MergeTreeDetails,
  type MergeTreeMessage,
  type MergeTreeStage,
} from './merge-tree-details';
export { changedNames } from './changed-names';
export { findMergeBase } from './find-merge-base';
export { readBlobAt } from './read-blob';
export { listUnmerged, parseUnmerged, type UnmergedPath, type UnmergedStage } from './unmerged-stages';
export {
  worktreeGitDir,
  operationInProgress,
  describeOperation,
  type GitOperation,
} from './operation-in-progress';
export { mergeTreeBatch, parseMergeTreeBatch } from './merge-tree-batch';
export {
  MIN_GIT_VERSION,
  parseGitVersion,
  isSupportedGitVersion,
  gitVersionProblem,
  gitMissingMessage,
  gitTooOldMessage,
} from './git-version';
