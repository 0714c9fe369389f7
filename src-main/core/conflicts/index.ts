export { createConflictService } from './conflict-service';
export type { ConflictService, ConflictServiceDeps } from './types';
export { parseConflictMarkers } from './conflict-markers';
export { classifyConflicts, type ClassifiedConflict } from './classify-conflicts';
export { suggestMergeOrder, type OrderThread } from './merge-order';
export { buildMatrix, type MatrixInputs, type MergeOutcome, type TouchedInfo } from './matrix-build';
export { threadOverlapsFrom } from './thread-overlaps';
export { isLiveThread, radarRefName } from './live-threads';
export { LruCache } from './lru-cache';
