export {
  createReviewCommentService,
  type ReviewCommentService,
  type ReviewCommentServiceDeps,
} from './review-comment-service';
export { buildReviewMessage } from './review-message';
export {
  hunksTouch,
  mapSpanForward,
  newSpan,
  oldSpan,
  parseHunks,
  spanTouches,
  type LineHunk,
  type LineSpan,
} from './line-spans';
