import type { Item } from '../../../src-shared/contract';
import { Collapsible } from './collapsible';
import { diffStats } from './diff-lines';
import { DiffView } from './diff-view';

type FileChangeItem = Extract<Item, { kind: 'file_change' }>;
type FileChange = FileChangeItem['changes'][number];

/** Diffs up to this many lines in total are shown open; longer ones wait for a click. */
const OPEN_DIFF_MAX_LINES = 80;

const VERB: Record<FileChange['kind'], string> = {
  add: 'Added',
  update: 'Edited',
  delete: 'Deleted',
  move: 'Moved',
};

function changeTitle(change: FileChange): string {
  return change.kind === 'move' && change.movePath
    ? `${VERB.move} ${change.path} → ${change.movePath}`
    : `${VERB[change.kind]} ${change.path}`;
}

function DiffStat({ diff }: { diff: string }) {
  const { added, removed } = diffStats(diff);
  return (
    <span className="diff-stat" aria-label={`${added} lines added, ${removed} removed`}>
      <span className="diff-stat-add">+{added}</span> <span className="diff-stat-remove">−{removed}</span>
    </span>
  );
}

/** One file's diff; its title is left out when the item's summary already names the file. */
function ChangeDiff({ change, titled }: { change: FileChange; titled: boolean }) {
  return (
    <section className="file-change">
      {titled && (
        <header className="file-change-header">
          <span className="file-change-path">{changeTitle(change)}</span>
          <DiffStat diff={change.diff} />
        </header>
      )}
      {change.diff !== '' && (
        <DiffView diff={change.diff} label={`Diff of ${change.movePath ?? change.path}`} />
      )}
    </section>
  );
}

function summaryOf(item: FileChangeItem): string {
  if (item.changes.length === 1 && item.changes[0]) return changeTitle(item.changes[0]);
  if (item.changes.length > 1) return `Changed ${item.changes.length} files`;
  if (item.status === 'in_progress') return 'Proposed file change';
  return 'File change';
}

function stateOf(item: FileChangeItem): { text: string; tone: string } | null {
  if (item.error) return { text: 'Not applied', tone: 'bad' };
  switch (item.status) {
    case 'in_progress':
      return { text: 'Pending', tone: 'busy' };
    case 'declined':
      return { text: 'Declined', tone: 'muted' };
    case 'interrupted':
      return { text: 'Interrupted', tone: 'muted' };
    case 'failed':
      return { text: 'Failed', tone: 'bad' };
    case 'completed':
      return null;
  }
}

export function FileChangeItemView({ item }: { item: FileChangeItem }) {
  const summary = summaryOf(item);
  const state = stateOf(item);
  const totalLines = item.changes.reduce((sum, change) => sum + change.diff.split('\n').length, 0);
  return (
    <article className="item file-change-item" aria-label={summary}>
      <Collapsible
        label={`File change: ${summary}`}
        defaultOpen={item.error !== null || totalLines <= OPEN_DIFF_MAX_LINES}
        summary={
          <span className="command-summary">
            <span className="file-change-title">{summary}</span>
            {state && <span className={`item-state tone-${state.tone}`}>{state.text}</span>}
            {item.changes.length === 1 && item.changes[0] && <DiffStat diff={item.changes[0].diff} />}
          </span>
        }
      >
        {item.error && <p className="error-text">{item.error}</p>}
        {item.changes.length > 0
          ? item.changes.map((change) => (
              <ChangeDiff
                key={`${change.kind}:${change.path}`}
                change={change}
                titled={item.changes.length > 1}
              />
            ))
          : item.patch !== '' && <DiffView diff={item.patch} label="Proposed patch" />}
      </Collapsible>
    </article>
  );
}
