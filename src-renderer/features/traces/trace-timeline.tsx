import { useState } from 'react';
import type { ThreadTrace, TraceSpan, TraceTurn } from '../../../src-shared/contract';
import { barPlacement, formatDuration, spanFacts, spanLabel, turnWindow } from './trace-format';

/** One lane per kind of span, so bars of different kinds never cover each other. */
const LANES: { name: string; kinds: TraceSpan['kind'][] }[] = [
  { name: 'Model', kinds: ['model_call'] },
  { name: 'Tools', kinds: ['tool_call'] },
  { name: 'Approvals', kinds: ['approval'] },
  { name: 'Workers', kinds: ['handoff', 'worker'] },
];

function SpanDetail({ span }: { span: TraceSpan }) {
  const content = Object.entries(span.content ?? {});
  return (
    <section className="trace-detail" aria-label="Span detail">
      <h4 className="trace-detail-title">{spanLabel(span).split(':')[0]}</h4>
      <ul className="trace-detail-facts">
        {spanFacts(span).map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      {content.map(([key, value]) => (
        <div key={key} className="trace-detail-content">
          <span className="field-label">{key}</span>
          <pre className="mono">{value.length > 4000 ? `${value.slice(0, 4000)}…` : value}</pre>
        </div>
      ))}
    </section>
  );
}

function TurnRow({
  entry,
  now,
  selected,
  onSelect,
}: {
  entry: TraceTurn;
  now: number;
  selected: string | null;
  onSelect: (span: TraceSpan) => void;
}) {
  const { turn, spans } = entry;
  const window = turnWindow(turn, spans, now);
  const lanes = LANES.map((lane) => ({
    ...lane,
    spans: spans.filter((span) => lane.kinds.includes(span.kind)),
  }));
  return (
    <li className="trace-turn" aria-label={turn.name}>
      <button
        type="button"
        className={selected === turn.id ? 'trace-turn-head selected' : 'trace-turn-head'}
        aria-label={spanLabel(turn)}
        onClick={() => onSelect(turn)}
      >
        <span className="trace-turn-name">{turn.name}</span>
        <span className="trace-turn-facts">{spanFacts(turn).join(' · ')}</span>
      </button>
      {lanes
        .filter((lane) => lane.spans.length > 0)
        .map((lane) => (
          <div key={lane.name} className="trace-lane">
            <span className="trace-lane-name">{lane.name}</span>
            <ul className="trace-bars" aria-label={`${turn.name} ${lane.name.toLowerCase()}`}>
              {lane.spans.map((span) => {
                const place = barPlacement(span, window);
                const label = spanLabel(span);
                return (
                  <li
                    key={span.id}
                    className="trace-bar-slot"
                    style={{ left: `${place.left}%`, width: `${place.width}%` }}
                  >
                    <button
                      type="button"
                      className={`trace-bar kind-${span.kind}${span.error ? ' failed' : ''}${selected === span.id ? ' selected' : ''}`}
                      aria-label={label}
                      title={label}
                      onClick={() => onSelect(span)}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      <span className="trace-turn-duration">{formatDuration(window.endedAt - window.startedAt)}</span>
    </li>
  );
}

/** The thread's turns, one row each, with their spans drawn as bars positioned by time. */
export function TraceTimeline({ trace, now }: { trace: ThreadTrace; now: number }) {
  const [selected, setSelected] = useState<TraceSpan | null>(null);
  if (trace.turns.length === 0 && trace.loose.length === 0)
    return <p className="pane-empty">No turns yet: the timeline fills as the agent works.</p>;
  return (
    <div className="trace-timeline">
      <ol className="trace-turns" aria-label="Timeline">
        {trace.turns.map((entry) => (
          <TurnRow
            key={entry.turn.id}
            entry={entry}
            now={now}
            selected={selected?.id ?? null}
            onSelect={setSelected}
          />
        ))}
      </ol>
      {trace.loose.length > 0 && (
        <ul className="trace-loose" aria-label="Outside turns">
          {trace.loose.map((span) => (
            <li key={span.id}>
              <button type="button" className="button small" onClick={() => setSelected(span)}>
                {spanLabel(span)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && <SpanDetail span={selected} />}
    </div>
  );
}
