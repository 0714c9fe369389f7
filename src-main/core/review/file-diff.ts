import { SkeinError, type FileDiff } from '../../../src-shared/contract';
import type { GitQueue } from '../git';
import { filePatch, rawDiff, readBlob } from './diff-git';
import { parseHunks } from './hunks';
import { languageOf } from './language';
import { HUNK_CONTEXT_LINES, INLINE_CONTENT_LIMIT_BYTES } from './limits';
import { GITLINK_MODE, type RawChange } from './raw-diff';
import type { FileDiffRequest, ReviewContext } from './types';

/** How git itself decides a blob is binary: a NUL byte among its first 8,000 bytes (xdiff's `buffer_is_binary`). */
const BINARY_SNIFF_CHARS = 8_000;

function looksBinary(text: string | null): boolean {
  return text !== null && text.slice(0, BINARY_SNIFF_CHARS).includes('\0');
}

async function sideContent(
  git: GitQueue,
  cwd: string,
  id: string | null,
  mode: string | null,
): Promise<string | null> {
  if (id === null) return null;
  // A submodule has no blob; show what `git diff` shows for it.
  if (mode === GITLINK_MODE) return `Subproject commit ${id}\n`;
  return readBlob(git, cwd, id);
}

function findChange(changes: RawChange[], path: string): RawChange | undefined {
  return changes.find((change) => change.path === path) ?? changes.find((change) => change.oldPath === path);
}

/**
 * Both sides of one file and its hunks. Runs in the project's repository (objects are shared by
 * all worktrees), so a turn's diff still opens after the thread was archived.
 */
export async function readFileDiff(context: ReviewContext, request: FileDiffRequest): Promise<FileDiff> {
  const { git } = context;
  const { from, to, path } = request;
  const thread = context.threads.get(request.threadId);
  const cwd = context.projects.get(thread.projectId).path;
  const oldPath = request.oldPath && request.oldPath !== path ? request.oldPath : null;
  const paths = oldPath ? [oldPath, path] : [path];
  // The patch starts at once, beside the diff that says whether it is wanted: a file's diff opens
  // in two rounds of git rather than three. It is cancelled for binary and large files.
  const speculative = new AbortController();
  const patch = filePatch(git, cwd, from, to, paths, HUNK_CONTEXT_LINES, speculative.signal);
  patch.catch(() => undefined);
  let change: RawChange | undefined;
  try {
    change = findChange(await rawDiff(git, cwd, from, to, paths), path);
  } finally {
    if (!change) speculative.abort();
  }
  if (!change) {
    throw new SkeinError(
      'NOT_FOUND',
      `${path} did not change between ${from.slice(0, 12)} and ${to.slice(0, 12)}. Refresh the review.`,
      { path, from, to },
    );
  }
  const ids = [change.oldObject, change.newObject].filter((id): id is string => id !== null);
  // Usually known already: `review/files` read them.
  const sizes = await context.sizes.read(git, cwd, ids);
  const oldSize =
    change.oldObject && change.oldMode !== GITLINK_MODE ? (sizes.get(change.oldObject) ?? null) : null;
  const newSize =
    change.newObject && change.newMode !== GITLINK_MODE ? (sizes.get(change.newObject) ?? null) : null;
  // Binary files have no text to load, so they are never "too large", only binary.
  const tooLarge =
    !change.binary &&
    request.full !== true &&
    Math.max(oldSize ?? 0, newSize ?? 0) > INLINE_CONTENT_LIMIT_BYTES;
  const base = {
    path: change.path,
    oldPath: change.oldPath,
    change: change.change,
    oldSize,
    newSize,
    language: languageOf(change.path),
  };
  if (change.binary || tooLarge) {
    speculative.abort();
    return { ...base, binary: change.binary, tooLarge, oldContent: null, newContent: null, hunks: [] };
  }
  const [patchText, oldContent, newContent] = await Promise.all([
    patch,
    sideContent(git, cwd, change.oldObject, change.oldMode),
    sideContent(git, cwd, change.newObject, change.newMode),
  ]);
  if (looksBinary(oldContent) || looksBinary(newContent)) {
    return { ...base, binary: true, tooLarge: false, oldContent: null, newContent: null, hunks: [] };
  }
  return { ...base, binary: false, tooLarge: false, oldContent, newContent, hunks: parseHunks(patchText) };
}
