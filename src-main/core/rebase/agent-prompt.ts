import type { RebaseState } from '../../../src-shared/contract';

/** What git's two letters mean for a conflicted path, in words an agent can act on. */
const STATUS_WORDS: Record<string, string> = {
  UU: 'both sides changed it',
  AA: 'both sides added it',
  DU: 'the base deleted it, the thread commit changed it',
  UD: 'the thread commit deleted it, the base changed it',
  AU: 'only the base side has it',
  UA: 'only the thread commit has it',
  DD: 'both sides deleted it',
};

export interface RebasePromptInput {
  state: RebaseState;
  branch: string;
  base: string;
  note?: string;
}

/** The message handing a stopped rebase's conflicts to the thread's agent. */
export function rebaseConflictPrompt(input: RebasePromptInput): string {
  const { state, branch, base } = input;
  const stop = state.stoppedAt;
  const step = state.step !== null && state.total !== null ? ` (commit ${state.step} of ${state.total})` : '';
  const commit = stop
    ? `the thread's commit ${stop.commit.slice(0, 10)} "${stop.subject}"${step}`
    : `a commit of the thread${step}`;
  const files = state.conflicts.map((file) => {
    const words = STATUS_WORDS[file.status] ?? `git status ${file.status}`;
    return `- ${file.path} (${words}${file.binary ? '; binary, so pick one side whole' : ''})`;
  });
  const [opening, sides] = state.inProgress
    ? [
        `Skein is rebasing this thread's branch ${branch} onto ${base}, and git stopped with conflicts while replaying ${commit}.`,
        'In each file, between "<<<<<<<" and "=======" is the base side: ' +
          `${base} as it is now, with the thread's earlier commits already replayed on it. ` +
          'Between "=======" and ">>>>>>>" is the change of the thread commit being replayed.',
      ]
    : [
        `Skein rebased this thread's branch ${branch} onto ${base}, and putting the uncommitted changes back on top of it conflicted.`,
        'In each file, between "<<<<<<<" and "=======" is the rebased branch; ' +
          'between "=======" and ">>>>>>>" are the uncommitted changes from before the rebase.',
      ];
  const lines = [
    opening,
    '',
    'Conflicted files:',
    ...files,
    '',
    `${sides} (A "|||||||" section, when present, is the common ancestor.)`,
    '',
    'Edit each file so it keeps the intent of both sides, and remove every conflict marker line. ' +
      'For a file one side deleted, either write the content it should have or delete the file.',
    '',
    'Do not run git commands that change the index, refs or history (no git add, rm, commit, rebase, ' +
      'merge, checkout, switch, reset, restore --staged or stash). Reading with git diff, log or show is fine. ' +
      'When you are done, the user checks your edits in Skein, marks the files resolved and continues the rebase.',
  ];
  const note = input.note?.trim();
  if (note) lines.push('', `Note from the user: ${note}`);
  return lines.join('\n');
}
