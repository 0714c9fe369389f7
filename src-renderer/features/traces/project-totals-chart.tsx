import { useEffect, useState } from 'react';
import type { TraceDayTotals, TraceTotals } from '../../../src-shared/contract';
import { InlineError } from '../../app/ui/modal';
import { useSession } from '../../lib/session';
import { dayBars, formatCost, formatTokens, totalsSummary } from './trace-format';

/** Two weeks fit the pane's width with readable bars. */
const CHART_DAYS = 14;
const CHART_HEIGHT = 64;
const BAR_WIDTH = 14;
const BAR_GAP = 4;
const LABEL_OVERHANG = 18;

/** The project's tokens per day as a small SVG bar chart, with its totals in words. */
export function ProjectTotalsChart({ projectId, refreshKey }: { projectId: string; refreshKey: number }) {
  const client = useSession((s) => s.client);
  const [data, setData] = useState<{ days: TraceDayTotals[]; totals: TraceTotals } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    client.api.trace
      .totals({ projectId, days: CHART_DAYS })
      .then((loaded) => {
        if (live) setData(loaded);
      })
      .catch((caught: unknown) => {
        if (live) setError(caught instanceof Error ? caught.message : String(caught));
      });
    return () => {
      live = false;
    };
  }, [client, projectId, refreshKey]);

  if (!data) return <InlineError message={error} />;
  const bars = dayBars(data.days);
  // Room after the last bar for its date label.
  const width = bars.length * (BAR_WIDTH + BAR_GAP) + LABEL_OVERHANG;
  return (
    <section className="trace-project" aria-label="Project totals">
      <h3 className="trace-heading">Project, last {CHART_DAYS} days</h3>
      <p className="trace-totals">{totalsSummary(data.totals)}</p>
      <svg
        className="trace-chart"
        role="img"
        aria-label={`Tokens per day over the last ${CHART_DAYS} days`}
        width={width}
        height={CHART_HEIGHT + 14}
        viewBox={`0 0 ${width} ${CHART_HEIGHT + 14}`}
      >
        {bars.map((bar, index) => {
          const height = Math.max(bar.tokens > 0 ? 2 : 1, bar.share * CHART_HEIGHT);
          const x = index * (BAR_WIDTH + BAR_GAP);
          return (
            <g key={bar.day}>
              <title>{`${bar.day}: ${formatTokens(bar.tokens)} tokens, ${formatCost(bar.costUsd)}`}</title>
              <rect
                className={bar.tokens > 0 ? 'trace-chart-bar' : 'trace-chart-bar empty'}
                x={x}
                y={CHART_HEIGHT - height}
                width={BAR_WIDTH}
                height={height}
                rx={2}
              />
              {(bars.length - 1 - index) % 7 === 0 && (
                <text className="trace-chart-label" x={x} y={CHART_HEIGHT + 12}>
                  {bar.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </section>
  );
}
