import { useEffect, useState } from 'react';
import type { Thread, ThreadTrace } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { requireClient, useSession } from '../../lib/session';
import { useAsyncAction } from '../../lib/use-async-action';
import { ProjectTotalsChart } from './project-totals-chart';
import { totalsSummary } from './trace-format';
import { TraceTimeline } from './trace-timeline';
import './traces.css';

/** Running turns move on their own: their bars grow with the clock at this pace. */
const RUNNING_REFRESH_MS = 1000;

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function useThreadTrace(threadId: string): {
  trace: ThreadTrace | null;
  error: string | null;
  version: number;
} {
  const client = useSession((s) => s.client);
  const [trace, setTrace] = useState<ThreadTrace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!client) return;
    let live = true;
    const load = () =>
      client.api.trace
        .thread({ threadId })
        .then((loaded) => {
          if (!live) return;
          setTrace(loaded);
          setError(null);
          setVersion((current) => current + 1);
        })
        .catch((caught: unknown) => {
          if (live) setError(caught instanceof Error ? caught.message : String(caught));
        });
    void load();
    const mine = (id: string) => id === threadId && void load();
    const unsubscribe = [
      client.on('turn/started', ({ turn }) => mine(turn.threadId)),
      client.on('turn/completed', ({ turn }) => mine(turn.threadId)),
      client.on('item/completed', ({ item }) => mine(item.threadId)),
      client.on('approval/requested', ({ approval }) => mine(approval.threadId)),
      client.on('approval/resolved', ({ approval }) => mine(approval.threadId)),
    ];
    return () => {
      live = false;
      for (const off of unsubscribe) off();
    };
  }, [client, threadId]);
  return { trace, error, version };
}

/** A thread's trace: its turns on a timeline, its totals, the export, and the project's days. */
export function TraceView({ thread }: { thread: Thread }) {
  const { trace, error, version } = useThreadTrace(thread.id);
  const [includeContent, setIncludeContent] = useState(false);
  const exporting = useAsyncAction();
  const [now, setNow] = useState(() => Date.now());
  const running = trace?.turns.some((entry) => entry.turn.endedAt === null) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), RUNNING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running]);

  const exportTrace = () =>
    void exporting.run(async () => {
      const file = await requireClient().api.trace.export({ threadId: thread.id, includeContent });
      download(file.fileName, file.jsonl);
    });

  return (
    <div className="trace-view">
      <section className="trace-summary" aria-label="Thread totals">
        <h3 className="trace-heading">Trace</h3>
        <p className="trace-totals">{trace ? totalsSummary(trace.totals) : 'Loading…'}</p>
        <label className="trace-include">
          <input
            type="checkbox"
            checked={includeContent}
            onChange={(event) => setIncludeContent(event.target.checked)}
          />
          Include prompts and outputs
        </label>
        <button
          type="button"
          className="button small"
          disabled={exporting.pending || !trace}
          onClick={exportTrace}
        >
          Export trace (JSONL)
        </button>
      </section>
      <InlineError message={error ?? exporting.error} />
      {trace && <TraceTimeline trace={trace} now={now} />}
      <ProjectTotalsChart projectId={thread.projectId} refreshKey={version} />
    </div>
  );
}
