/** Commits listed in a squash commit's message; beyond this the list says how many more there were. */
export const SQUASH_LIST_LIMIT = 50;

/** A message as given by the user, with the single trailing newline git itself writes. */
export function normalizeMessage(message: string): string {
  return `${message.trim()}\n`;
}

/** The default message of a merge commit: git's own subject, and the thread it came from. */
export function defaultMergeMessage(input: { title: string; branch: string; base: string }): string {
  return `Merge branch '${input.branch}' into ${input.base}\n\n${input.title.trim()}\n`;
}

/** The default message of a squash commit: the thread's title, then the commits it folds together. */
export function defaultSquashMessage(input: { title: string; subjects: string[]; total: number }): string {
  const lines = input.subjects.slice(-SQUASH_LIST_LIMIT).map((subject) => `* ${subject}`);
  const hidden = input.total - lines.length;
  if (hidden > 0) lines.unshift(`* … ${hidden} earlier commit(s)`);
  const list = lines.length > 0 ? `\n\n${lines.join('\n')}` : '';
  return `${input.title.trim()}${list}\n`;
}
