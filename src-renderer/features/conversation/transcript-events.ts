import { mergeDeltas, type Delta, type TranscriptEvent } from './transcript-fold';
import { useConversation } from './conversation-slice';

/**
 * Notifications are folded into the store once per frame rather than one by one: a busy agent sends
 * a delta per item every 16 ms (the host's frame, DELTA_FRAME_MS), and several threads stream at once.
 * A timer rather than requestAnimationFrame, so a hidden window still keeps its transcripts current.
 */
const FOLD_FRAME_MS = 16;

/** Events of transcripts being fetched, replayed on top of the fetched snapshot. */
const inFlight = new Map<string, TranscriptEvent[]>();
let queued = new Map<string, TranscriptEvent[]>();
let timer: ReturnType<typeof setTimeout> | undefined;

function compact(events: TranscriptEvent[]): TranscriptEvent[] {
  const result: TranscriptEvent[] = [];
  let run: Delta[] = [];
  const endRun = () => {
    for (const delta of mergeDeltas(run)) result.push({ type: 'delta', delta });
    run = [];
  };
  for (const event of events) {
    if (event.type === 'delta') run.push(event.delta);
    else {
      endRun();
      result.push(event);
    }
  }
  endRun();
  return result;
}

export function flushTranscriptEvents(): void {
  clearTimeout(timer);
  timer = undefined;
  if (queued.size === 0) return;
  const batches = new Map([...queued].map(([threadId, events]) => [threadId, compact(events)] as const));
  queued = new Map();
  useConversation.getState().apply(batches);
}

/** Routes an agent notification to its thread's transcript, if this page holds (or is fetching) it. */
export function queueTranscriptEvent(threadId: string, event: TranscriptEvent): void {
  const fetching = inFlight.get(threadId);
  if (fetching) {
    fetching.push(event);
    return;
  }
  if (!useConversation.getState().byThread[threadId]) return;
  const list = queued.get(threadId);
  if (list) list.push(event);
  else queued.set(threadId, [event]);
  timer ??= setTimeout(flushTranscriptEvents, FOLD_FRAME_MS);
}

export function isFetchingTranscript(threadId: string): boolean {
  return inFlight.has(threadId);
}

/** Starts buffering a thread's events while its transcript is fetched; returns the finisher. */
export function beginTranscriptFetch(threadId: string): {
  done: (apply: (since: TranscriptEvent[]) => void) => void;
  cancel: () => void;
} {
  const buffer: TranscriptEvent[] = [];
  inFlight.set(threadId, buffer);
  const release = () => {
    if (inFlight.get(threadId) === buffer) inFlight.delete(threadId);
  };
  return {
    done: (apply) => {
      release();
      apply(compact(buffer));
    },
    cancel: release,
  };
}

/** A new connection: everything buffered belongs to the old one. */
export function resetTranscripts(): void {
  clearTimeout(timer);
  timer = undefined;
  queued = new Map();
  inFlight.clear();
  useConversation.getState().reset();
}
