export {
  createReviewAgentService,
  REVIEW_TIMEOUT_MS,
  type ReviewAgentModels,
  type ReviewAgentService,
  type ReviewAgentServiceDeps,
} from './review-agent-service';
export { REVIEW_OUTPUT_SCHEMA } from './review-output-schema';
export { REVIEWER_INSTRUCTIONS, MAX_REVIEW_DIFF_CHARS, fitDiff, reviewerPrompt } from './reviewer-prompt';
export {
  countLines,
  parseReviewOutput,
  referencedPaths,
  validateFindings,
  type DiffLineCounts,
} from './validate-review';
export { findingTask } from './finding-task';
