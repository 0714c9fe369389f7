/** One `@@` hunk of an `*** Update File` operation. */
export interface UpdateChunk {
  /** `@@ <anchor>` lines naming where the hunk lives (a class, then a method); sought in order. */
  anchors: string[];
  /** Context and `-` lines: what must be found in the file. */
  oldLines: string[];
  /** Context and `+` lines: what replaces it. */
  newLines: string[];
  /**
   * For each of `newLines`, the index in `oldLines` of the context line it repeats, or null for an
   * added line. Context lines keep the file's own text, since they matched only loosely perhaps.
   */
  contextSources: (number | null)[];
  /** `*** End of File` closed the hunk: `oldLines` must sit at the end of the file. */
  isEndOfFile: boolean;
  /** 1-based line of the patch where the hunk starts (its `@@` or first line). */
  line: number;
}

export type PatchOperation =
  | { type: 'add'; path: string; contents: string; line: number }
  | { type: 'delete'; path: string; line: number }
  | { type: 'update'; path: string; movePath: string | null; chunks: UpdateChunk[]; line: number };

export interface ParsedPatch {
  operations: PatchOperation[];
}

export type PatchChangeKind = 'add' | 'update' | 'delete' | 'move';

/** What one operation did, for the model's reply and the UI's diff view. */
export interface PatchFileChange {
  kind: PatchChangeKind;
  /** Worktree-relative path with `/` separators (the source, for a move). */
  path: string;
  /** The destination of a move. */
  movePath?: string;
  /** An add or a move replaced a file that already existed (Codex overwrites; we report it). */
  overwrote?: boolean;
  /** Unified diff of the change (`--- a/…`, `+++ b/…`, `@@ … @@`). */
  diff: string;
}

export interface ApplyPatchSummary {
  changes: PatchFileChange[];
}
