export { createMergeService, type MergeService } from './merge-service';
export type { MergeServiceDeps } from './merge-context';
export type { MergeInput } from './merge-thread';
export type { PublishInput } from './publish-thread';
export { compareUrl, parseRemoteUrl } from './compare-url';
export { pullRequestBody } from './pull-request-body';
export { defaultMergeMessage, defaultSquashMessage } from './merge-messages';
export { findCollisions } from './base-checkout';
