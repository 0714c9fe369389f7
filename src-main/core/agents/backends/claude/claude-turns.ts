import type { ResultMessage } from './claude-protocol';

/**
 * Where our turns begin and end in Claude Code's stream. Claude has no turn id: each user message
 * we send (named by the uuid we give it) is a command that ends in a `result`. A steer sent during
 * a turn is folded in at Claude's next tool boundary or, when the turn has none left, runs as a
 * command of its own with its own result. Our turn therefore lasts until a result arrives while
 * none of its messages is still waiting in Claude's queue (from the `command_lifecycle` frames).
 */

type MemberState = 'sent' | 'queued' | 'started' | 'completed' | 'cancelled';

export interface ClaudeTurn {
  readonly id: string;
  readonly members: Map<string, MemberState>;
  /** We asked Claude to stop (interrupt, or an approval answered `abort_turn`). */
  interrupting: boolean;
  lastResult: ResultMessage | null;
  /** Dollars of this turn's results (Claude reports the session's running total). */
  costUsd: number;
}

function isMemberState(state: string): state is MemberState {
  return ['queued', 'started', 'completed', 'cancelled'].includes(state);
}

export class ClaudeTurns {
  active: ClaudeTurn | null = null;
  private readonly ours = new Set<string>();
  private lifecycleSeen = false;
  private sessionCost = 0;

  begin(uuid: string): ClaudeTurn {
    this.ours.add(uuid);
    this.active = {
      id: uuid,
      members: new Map([[uuid, 'sent']]),
      interrupting: false,
      lastResult: null,
      costUsd: 0,
    };
    return this.active;
  }

  steer(uuid: string): void {
    this.ours.add(uuid);
    this.active?.members.set(uuid, 'sent');
  }

  /**
   * A lifecycle frame. Returns `orphan` when one of our messages starts after its turn ended (a
   * steer that arrived just too late): it becomes a turn of its own. `done` when this frame was
   * the last thing the active turn waited for.
   */
  lifecycle(uuid: string, state: string): 'orphan' | 'done' | null {
    if (!this.ours.has(uuid) || !isMemberState(state)) return null;
    this.lifecycleSeen = true;
    const turn = this.active;
    if (!turn || !turn.members.has(uuid)) return state === 'started' && !turn ? 'orphan' : null;
    turn.members.set(uuid, state);
    // A steer that runs as its own command ends with its own result: wait for that one.
    if (state === 'started') turn.lastResult = null;
    return turn.lastResult && this.settled(turn) ? 'done' : null;
  }

  /** A result; true when it ends the active turn. */
  result(result: ResultMessage): boolean {
    const total = result.total_cost_usd ?? this.sessionCost;
    const cost = Math.max(0, total - this.sessionCost);
    this.sessionCost = total;
    const turn = this.active;
    if (!turn) return false;
    turn.costUsd += cost;
    turn.lastResult = result;
    // Lifecycle frames are the better witness: a result's user_message_uuids can list a steer
    // that is still queued behind it (seen with 2.1.330).
    if (!this.lifecycleSeen) {
      for (const uuid of result.user_message_uuids ?? []) {
        if (turn.members.has(uuid)) turn.members.set(uuid, 'completed');
      }
    }
    return turn.interrupting || this.settled(turn);
  }

  finish(): ClaudeTurn | null {
    const turn = this.active;
    this.active = null;
    return turn;
  }

  private settled(turn: ClaudeTurn): boolean {
    for (const state of turn.members.values()) {
      if (state === 'queued') return false;
      // Without lifecycle frames (an older Claude Code) a result is all there is to go by.
      if (state === 'sent' && this.lifecycleSeen) return false;
    }
    return true;
  }
}
