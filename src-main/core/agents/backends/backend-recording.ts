import type { Item } from '../../../../src-shared/contract';
import type { TurnRecorder } from '../runtime/turn-recorder';
import type { BackendEvent, BackendItem } from './types';

type Status = Item['status'];

/** A completed backend item's final status; a backend that says "in progress" at completion means done. */
function finalStatus(status: Status): Status {
  return status === 'in_progress' ? 'completed' : status;
}

/**
 * One Skein turn fed from a backend's events: backend item ids become Skein items through the same
 * `TurnRecorder` the built-in agent uses (numbering, batched rows, `item/*` notifications, deltas
 * coalesced per frame, usage booked on the response's first item).
 */
export class BackendRecording {
  private readonly items = new Map<string, Item>();

  constructor(readonly recorder: TurnRecorder) {}

  /** The Skein item for a backend item id (approvals point at it). */
  itemFor(backendItemId: string | null): Item | null {
    return backendItemId ? (this.items.get(backendItemId) ?? null) : null;
  }

  handle(event: BackendEvent): void {
    switch (event.type) {
      case 'item/started':
        this.started(event.item);
        return;
      case 'item/delta':
        this.delta(event.backendItemId, event.stream, event.delta);
        return;
      case 'item/completed':
        this.completed(event.item);
        return;
      case 'usage':
        this.recorder.responseUsage(event.usage);
        // Codex reports usage as each model response ends: the next item opens a new response.
        this.recorder.responseStarted();
        return;
      case 'turn/started':
      case 'turn/completed':
      case 'status':
        // The turn's lifecycle is the caller's (backend-turns): these never reach a recording.
        return;
    }
  }

  private started(item: BackendItem): void {
    const { fields } = item;
    // Messages and reasoning stream through the recorder's own slots (their deltas are `text`/`reasoning`).
    if (fields.kind === 'agent_message' || fields.kind === 'reasoning') return;
    if (this.items.has(item.backendItemId)) return;
    this.items.set(item.backendItemId, this.recorder.begin(fields, item.backendItemId));
  }

  private delta(backendItemId: string, stream: 'text' | 'reasoning' | 'output', delta: string): void {
    if (stream === 'text') this.recorder.textDelta(delta);
    else if (stream === 'reasoning') this.recorder.reasoningDelta(delta);
    else {
      const item = this.items.get(backendItemId);
      if (item) this.recorder.output(item, delta);
    }
  }

  private completed(item: BackendItem): void {
    const { fields } = item;
    if (fields.kind === 'agent_message') {
      this.recorder.messageDone(fields.text);
      return;
    }
    if (fields.kind === 'reasoning') {
      this.recorder.reasoningDone(fields.text);
      return;
    }
    let recorded = this.items.get(item.backendItemId);
    if (!recorded) {
      recorded = this.recorder.begin(fields, item.backendItemId);
      this.items.set(item.backendItemId, recorded);
    }
    this.recorder.complete(recorded, fields, finalStatus(item.status));
  }
}
