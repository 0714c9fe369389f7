import { randomUUID } from 'node:crypto';
import type { Item, SkillUse, TokenUsage, Turn } from '../../../../src-shared/contract';
import type { Publisher } from '../../events';
import { costOf } from '../providers/model-catalog';
import { ItemScrub, type DeltaStream } from '../scrub/item-scrub';
import type { OutputScrubber } from '../scrub/output-scrubber';
import type { ToolItemSink } from '../tools/tool-environment';
import type { DeltaCoalescer } from './delta-coalescer';
import type { ItemWriter } from './item-writer';
import { toolItemFields, toolOutputText } from './tool-items';
import { addUsage, type TurnRows } from './turn-rows';

/** A running command's live output kept in memory; the finished item gets the command's own head+tail. */
const MAX_LIVE_OUTPUT_CHARS = 256 * 1024;

type Status = Item['status'];

export interface RecorderDeps {
  writer: ItemWriter;
  turns: TurnRows;
  coalescer: DeltaCoalescer;
  publisher: Publisher;
  /** The worktree, the cwd shown on command items. */
  cwd: string;
  /** Replaces known secret values in every item's text before it is stored or announced. */
  scrubber: Pick<OutputScrubber, 'text' | 'stream'>;
}

/**
 * Turns what happens in one turn into transcript items: created, streamed and completed as it
 * happens, each stored (batched) and announced. Also the turn's running token and cost totals.
 */
export class TurnRecorder implements ToolItemSink {
  private nextSeq: number;
  private readonly byCall = new Map<string, Item>();
  private readonly callIds = new WeakMap<Item, string>();
  private message: Item | null = null;
  private reasoning: Item | null = null;
  /** The first item of the current model response, which its token usage is booked on. */
  private responseTarget: Item | null = null;
  private pendingUsage: TokenUsage | null = null;
  private readonly scrub: ItemScrub;

  constructor(
    readonly turn: Turn,
    private readonly deps: RecorderDeps,
  ) {
    this.scrub = new ItemScrub(deps.scrubber);
    deps.writer.flush();
    this.nextSeq = deps.writer.rows.nextSeq(turn.threadId);
    for (const { item, callId } of deps.writer.rows.openCalls(turn.id)) {
      if (callId) this.remember(callId, item);
    }
  }

  private create(
    fields: Record<string, unknown> & { kind: Item['kind'] },
    callId: string | null = null,
  ): Item {
    const item = {
      ...this.scrub.fields(fields),
      id: randomUUID(),
      threadId: this.turn.threadId,
      turnId: this.turn.id,
      seq: this.nextSeq++,
      status: 'in_progress',
      startedAt: Date.now(),
      completedAt: null,
      inputTokens: null,
      outputTokens: null,
      costUsd: null,
    } as Item;
    if (callId) this.remember(callId, item);
    if (item.kind !== 'user_message') {
      if (this.pendingUsage) this.bookUsage(item, this.pendingUsage);
      this.pendingUsage = null;
      this.responseTarget ??= item;
    }
    this.deps.writer.write({ item, callId });
    // Stored before announced: a window must never show an item a crash then loses (issue #9).
    this.deps.writer.flush();
    this.deps.publisher.publish('item/started', { item: { ...item } });
    return item;
  }

  /** An item another agent describes in full (a backend's command, file change, plan…), open until completed. */
  begin(fields: Record<string, unknown> & { kind: Item['kind'] }, callId: string | null = null): Item {
    return this.create(fields, callId);
  }

  private remember(callId: string, item: Item): void {
    this.byCall.set(callId, item);
    this.callIds.set(item, callId);
  }

  private callIdOf(item: Item): string | null {
    return this.callIds.get(item) ?? null;
  }

  update(item: Item, patch: Partial<Item>): void {
    Object.assign(item, this.scrub.fields(patch));
    this.deps.writer.write({ item, callId: this.callIdOf(item) });
  }

  complete(item: Item, patch: Partial<Item>, status: Status): void {
    if (item.status !== 'in_progress') return;
    // What the secret scrubber held back (a possible start of a value) goes out before the completion.
    for (const tail of this.scrub.end(item.id)) this.appendDelta(item, tail.stream, tail.text);
    this.deps.coalescer.flush(item.id);
    Object.assign(item, this.scrub.fields(patch), { status, completedAt: Date.now() });
    this.deps.writer.write({ item, callId: this.callIdOf(item) });
    this.deps.writer.flush();
    this.deps.publisher.publish('item/completed', { item: { ...item } });
  }

  output(item: Item, text: string): void {
    this.appendDelta(item, 'output', this.scrub.delta(item.id, 'output', text));
  }

  /** Scrubbed streamed text: kept on the live item and sent (coalesced) to clients. */
  private appendDelta(item: Item, stream: DeltaStream, delta: string): void {
    if (stream === 'output' && item.kind === 'command' && item.output.length < MAX_LIVE_OUTPUT_CHARS)
      item.output += delta;
    if (stream === 'text' && item.kind === 'agent_message') item.text += delta;
    if (stream === 'reasoning' && item.kind === 'reasoning') item.text += delta;
    this.deps.coalescer.push({
      threadId: item.threadId,
      turnId: item.turnId,
      itemId: item.id,
      stream,
      delta,
    });
  }

  userMessage(text: string, steer: boolean, skills: SkillUse[] = []): Item {
    const item = this.create({ kind: 'user_message', text, steer, ...(skills.length > 0 ? { skills } : {}) });
    this.complete(item, {}, 'completed');
    return item;
  }

  responseStarted(): void {
    this.responseTarget = null;
    this.message = null;
    this.reasoning = null;
  }

  textDelta(delta: string): void {
    this.message ??= this.create({ kind: 'agent_message', text: '' });
    this.appendDelta(this.message, 'text', this.scrub.delta(this.message.id, 'text', delta));
  }

  messageDone(text: string): void {
    const item =
      this.message && this.message.status === 'in_progress'
        ? this.message
        : this.create({ kind: 'agent_message', text: '' });
    this.message = null;
    this.complete(item, { text }, 'completed');
  }

  reasoningDelta(delta: string): void {
    this.reasoning ??= this.create({ kind: 'reasoning', text: '' });
    this.appendDelta(this.reasoning, 'reasoning', this.scrub.delta(this.reasoning.id, 'reasoning', delta));
  }

  reasoningDone(text: string): void {
    const item =
      this.reasoning && this.reasoning.status === 'in_progress'
        ? this.reasoning
        : this.create({ kind: 'reasoning', text: '' });
    this.reasoning = null;
    this.complete(item, { text }, 'completed');
  }

  forCall(callId: string, toolName: string, argumentsJson: string): Item {
    return (
      this.byCall.get(callId) ?? this.create(toolItemFields(toolName, argumentsJson, this.deps.cwd), callId)
    );
  }

  /** The SDK's result for a call: completes items the tool did not complete itself (MCP and other tools). */
  toolOutput(callId: string, output: unknown): void {
    const item = this.byCall.get(callId);
    if (!item || item.status !== 'in_progress') return;
    const text = toolOutputText(output);
    if (item.kind === 'tool_call') this.complete(item, { output: text }, 'completed');
    else if (item.kind === 'command') this.complete(item, { output: text }, 'declined');
    else if (item.kind === 'file_change') this.complete(item, { error: text }, 'declined');
    else this.complete(item, {}, 'completed');
  }

  itemForCall(callId: string): Item | undefined {
    return this.byCall.get(callId);
  }

  /** One model response's usage: added to the turn, booked on the response's first item. */
  responseUsage(usage: TokenUsage): void {
    addUsage(this.turn.usage, usage);
    const cost = costOf(this.turn.provider, this.turn.model, usage);
    this.turn.costUsd = cost === null ? this.turn.costUsd : (this.turn.costUsd ?? 0) + cost;
    if (this.responseTarget) this.bookUsage(this.responseTarget, usage);
    else this.pendingUsage = usage;
    this.deps.turns.save(this.turn);
  }

  /** Usage of a side call (a compaction summary): the turn's totals and its own item. */
  extraUsage(item: Item, usage: TokenUsage): void {
    addUsage(this.turn.usage, usage);
    const cost = costOf(this.turn.provider, this.turn.model, usage);
    if (cost !== null) this.turn.costUsd = (this.turn.costUsd ?? 0) + cost;
    this.bookUsage(item, usage);
  }

  private bookUsage(item: Item, usage: TokenUsage): void {
    item.inputTokens = (item.inputTokens ?? 0) + usage.inputTokens;
    item.outputTokens = (item.outputTokens ?? 0) + usage.outputTokens;
    const cost = costOf(this.turn.provider, this.turn.model, usage);
    if (cost !== null) item.costUsd = (item.costUsd ?? 0) + cost;
    this.deps.writer.write({ item, callId: this.callIdOf(item) });
  }

  compactionStarted(): Item {
    return this.create({ kind: 'compaction', summary: '', replacedItems: 0 });
  }

  error(message: string): void {
    const item = this.create({ kind: 'error', message });
    this.complete(item, {}, 'failed');
  }

  /** Ends whatever is still open (a stream cut off, a command killed) with `status`. */
  closeOpen(status: Status): void {
    for (const item of [this.message, this.reasoning, ...this.byCall.values()]) {
      if (item && item.status === 'in_progress') this.complete(item, {}, status);
    }
    this.message = null;
    this.reasoning = null;
  }

  /** The turn waits for approvals: items stay open (the calls waiting are still in progress). */
  pause(): void {
    this.deps.coalescer.flush();
    this.turn.status = 'waiting_approval';
    this.deps.turns.save(this.turn);
    this.deps.writer.flush();
  }

  finish(status: Exclude<Turn['status'], 'waiting_approval' | 'running'>, error: string | null = null): Turn {
    const turn = this.close(status, error);
    this.deps.turns.save(this.turn);
    return turn;
  }

  /** `finish` but for storing the turn's row, which the caller does (it may have to wait for the store). */
  close(status: Exclude<Turn['status'], 'waiting_approval' | 'running'>, error: string | null = null): Turn {
    this.closeOpen(status === 'completed' ? 'completed' : status === 'failed' ? 'failed' : 'interrupted');
    this.deps.coalescer.flush();
    this.turn.status = status;
    this.turn.error = error;
    this.turn.completedAt = Date.now();
    this.deps.writer.flush();
    return { ...this.turn, usage: { ...this.turn.usage } };
  }
}
