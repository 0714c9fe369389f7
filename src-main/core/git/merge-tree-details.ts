import type { GitPriority, GitQueue } from './types';

/** One conflicted stage of a path: 1 the merge base, 2 ours, 3 theirs. */
export interface MergeTreeStage {
  mode: string;
  object: string;
  stage: number;
  path: string;
}

/** One of git's informational records: the paths it concerns, a stable type, and git's sentence. */
export interface MergeTreeMessage {
  paths: string[];
  /** e.g. `Auto-merging`, `CONFLICT (contents)`, `CONFLICT (modify/delete)`, `CONFLICT (binary)`. */
  type: string;
  message: string;
}

export interface MergeTreeDetails {
  tree: string;
  stages: MergeTreeStage[];
  messages: MergeTreeMessage[];
}

function parseStage(field: string): MergeTreeStage | null {
  // `<mode> <object> <stage>\t<path>`: the path may hold spaces and tabs, the first tab ends the rest.
  const tab = field.indexOf('\t');
  if (tab < 0) return null;
  const [mode = '', object = '', stage = ''] = field.slice(0, tab).split(' ');
  const number = Number.parseInt(stage, 10);
  if (mode === '' || object === '' || !Number.isInteger(number)) return null;
  return { mode, object, stage: number, path: field.slice(tab + 1) };
}

/**
 * Parses `git merge-tree --write-tree -z --messages` (git 2.38+): the tree id NUL, one
 * `<mode> <object> <stage>\t<path>` NUL per conflicted stage, an empty field, then records of
 * `<count> NUL <path>... NUL <type> NUL <message> NUL`. A clean merge is the tree id alone.
 */
export function parseMergeTreeDetails(output: string): MergeTreeDetails {
  const fields = output.split('\0');
  const tree = (fields[0] ?? '').trim();
  const stages: MergeTreeStage[] = [];
  let index = 1;
  for (; index < fields.length; index += 1) {
    const field = fields[index] ?? '';
    if (field === '') break;
    const stage = parseStage(field);
    if (stage) stages.push(stage);
  }
  index += 1;
  const messages: MergeTreeMessage[] = [];
  while (index < fields.length) {
    const count = Number.parseInt(fields[index] ?? '', 10);
    if (!Number.isInteger(count) || count < 0) break;
    const paths = fields.slice(index + 1, index + 1 + count);
    const type = fields[index + 1 + count];
    const message = fields[index + 2 + count];
    if (type === undefined || message === undefined) break;
    messages.push({ paths, type, message: message.replace(/\n+$/, '') });
    index += count + 3;
  }
  return { tree, stages, messages };
}

/**
 * Merges two commits without a worktree or index and returns every conflicted stage with git's
 * messages (for showing one pair's conflicts; the matrix uses the cheaper `mergeTree`).
 */
export async function mergeTreeDetails(
  git: GitQueue,
  cwd: string,
  ours: string,
  theirs: string,
  options: { signal?: AbortSignal; priority?: GitPriority } = {},
): Promise<MergeTreeDetails> {
  const { stdout } = await git.run(['merge-tree', '--write-tree', '-z', '--messages', ours, theirs], {
    cwd,
    allowedExitCodes: [1],
    ...options,
  });
  return parseMergeTreeDetails(stdout);
}
