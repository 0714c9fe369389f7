import { Fragment, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { usePanes } from './panes-slice';
import { ThreadPane } from './thread-pane';

/** Narrower than this and an 80-column terminal wraps badly; as a percentage of the main area. */
const MIN_PANE_PERCENT = '15';

/** 1–4 threads side by side in resizable panes. */
export function PaneArea({ empty }: { empty: ReactNode }) {
  const panes = usePanes((s) => s.panes);
  if (panes.length === 0) return <>{empty}</>;
  return (
    <Group orientation="horizontal" className="pane-group">
      {panes.map((threadId, index) => (
        <Fragment key={threadId}>
          {index > 0 && (
            <Separator className="pane-separator" aria-label={`Resize panes ${index} and ${index + 1}`} />
          )}
          <Panel id={threadId} minSize={MIN_PANE_PERCENT} className="pane-panel">
            <ThreadPane threadId={threadId} index={index} />
          </Panel>
        </Fragment>
      ))}
    </Group>
  );
}
