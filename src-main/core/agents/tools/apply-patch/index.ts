export { applyPatch, formatPatchSummary } from './apply-patch';
export { parsePatch } from './parse-patch';
export { seekSequence } from './seek-sequence';
export { unifiedDiff } from './unified-diff';
export type {
  ApplyPatchSummary,
  ParsedPatch,
  PatchChangeKind,
  PatchFileChange,
  PatchOperation,
  UpdateChunk,
} from './types';
