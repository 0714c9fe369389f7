import type { MethodParams, RebaseFile } from '../../../src-shared/contract';

export type RebaseSide = 'base' | 'thread';

/** What "Save and mark resolved" will send: the edited text, or deleting the file. */
export type Resolution = { kind: 'content'; text: string } | { kind: 'delete' };

/** Taking one side whole: its text, or deleting the file when that side has none. */
export function takeSide(file: Pick<RebaseFile, 'base' | 'thread'>, side: RebaseSide): Resolution {
  const text = side === 'base' ? file.base : file.thread;
  return text === null ? { kind: 'delete' } : { kind: 'content', text };
}

export type ResolveParams = MethodParams<'rebase/resolve'>;

/** `allowMarkers`: the person confirmed that the conflict markers left in the text belong there. */
export function resolveParams(
  threadId: string,
  path: string,
  resolution: Resolution,
  allowMarkers = false,
): ResolveParams {
  if (resolution.kind === 'delete') return { threadId, path, delete: true };
  return { threadId, path, content: resolution.text, ...(allowMarkers ? { allowMarkers } : {}) };
}

/**
 * The host refuses a result that still holds conflict regions (INVALID_STATE with the regions in
 * its details); the panel then offers to keep the markers on purpose.
 */
export function isMarkersRefusal(error: unknown): boolean {
  if (!(error instanceof Error) || !('details' in error) || !('kind' in error)) return false;
  const details = error.details as { regions?: unknown } | undefined;
  return error.kind === 'INVALID_STATE' && Array.isArray(details?.regions);
}

/** A binary file cannot travel as text: the host checks out the chosen side, or deletes the file. */
export function binaryResolveParams(
  threadId: string,
  path: string,
  choice: RebaseSide | 'delete',
): ResolveParams {
  return choice === 'delete' ? { threadId, path, delete: true } : { threadId, path, take: choice };
}

/** The text each editor column starts with; a side without the file shows empty. */
export function editorTexts(file: RebaseFile): Record<'ancestor' | 'base' | 'thread' | 'result', string> {
  return {
    ancestor: file.ancestor ?? '',
    base: file.base ?? '',
    thread: file.thread ?? '',
    result: file.working ?? '',
  };
}

/** A note under a column whose side has no file, so an empty editor is not mistaken for an empty file. */
export function missingSideNote(file: RebaseFile, side: RebaseSide | 'ancestor'): string | null {
  switch (side) {
    case 'ancestor':
      return file.ancestor === null ? 'The file did not exist in the common ancestor.' : null;
    case 'base':
      return file.base === null ? 'The base deleted this file (or never had it).' : null;
    case 'thread':
      return file.thread === null ? "The thread's change deletes this file." : null;
  }
}
