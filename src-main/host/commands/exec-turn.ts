import type {
  Approval,
  NotificationName,
  NotificationParams,
  RpcClient,
  Turn,
} from '../../../src-shared/contract';
import { createLogger } from '../../core/log';
import { approvalNeededMessage, turnEndEvent, type ExecEvent } from './exec-events';
import { ExecItemEvents } from './exec-items';

const log = createLogger('exec');

const FOLLOWED = [
  'turn/started',
  'turn/completed',
  'item/started',
  'item/delta',
  'item/completed',
  'approval/requested',
] as const satisfies readonly NotificationName[];
type Followed = (typeof FOLLOWED)[number];

export interface FollowedTurn {
  turn: Turn;
  /** The first approval the turn asked for; exec aborted the turn on it. */
  approvalNeeded: Approval | null;
  /** Set when a stop signal interrupted the turn. */
  stoppedBy: string | null;
}

interface Ids {
  threadId: string | null;
  turnId: string | null;
}

/** Which thread and turn a turn, item or approval notification is about. */
function idsOf(name: NotificationName, params: unknown): Ids {
  const value = params as {
    turn?: { id?: string; threadId?: string };
    item?: { threadId?: string; turnId?: string };
    approval?: { threadId?: string; turnId?: string };
    threadId?: string;
    turnId?: string;
  };
  if (name === 'turn/started' || name === 'turn/completed') {
    return { threadId: value.turn?.threadId ?? null, turnId: value.turn?.id ?? null };
  }
  const carrier = value.item ?? value.approval ?? value;
  return { threadId: carrier.threadId ?? null, turnId: carrier.turnId ?? null };
}

/**
 * Starts a turn in a thread and follows it to its end, reporting events as it goes. Notifications
 * that arrive before `turn/start` answers are kept and replayed once the turn's id is known, so
 * nothing between the start and the answer is lost. An approval cannot be asked headless: the turn is
 * aborted on the first one. A stop signal interrupts the turn, and the wait goes on until it ended.
 */
export function followTurn(options: {
  rpc: RpcClient;
  threadId: string;
  startTurn: () => Promise<Turn>;
  emit: (event: ExecEvent) => void;
  stop: Promise<string>;
}): Promise<FollowedTurn> {
  const { rpc, threadId, emit } = options;
  const items = new ExecItemEvents(emit);
  const unsubscribers: (() => void)[] = [];
  return new Promise<FollowedTurn>((resolve, reject) => {
    let turnId: string | null = null;
    let done = false;
    let approvalNeeded: Approval | null = null;
    let stoppedBy: string | null = null;
    const early: [Followed, unknown][] = [];

    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      items.dispose();
      for (const unsubscribe of unsubscribers) unsubscribe();
      settle();
    };

    const abortForApproval = (approval: Approval) => {
      if (!approvalNeeded) {
        approvalNeeded = approval;
        emit({ type: 'error', message: approvalNeededMessage(approval) });
      }
      rpc.api.approval
        .respond({ approvalId: approval.id, decision: 'abort_turn' })
        .catch((error: unknown) => log.warn(`Aborting approval ${approval.id} failed`, error));
    };

    const handle = (name: Followed, params: unknown) => {
      if (idsOf(name, params).turnId !== turnId) return;
      switch (name) {
        case 'item/started':
          return items.started((params as NotificationParams<'item/started'>).item);
        case 'item/delta':
          return items.delta(params as NotificationParams<'item/delta'>);
        case 'item/completed':
          return items.completed((params as NotificationParams<'item/completed'>).item);
        case 'approval/requested':
          return abortForApproval((params as NotificationParams<'approval/requested'>).approval);
        case 'turn/completed': {
          const { turn } = params as NotificationParams<'turn/completed'>;
          const end = turnEndEvent(turn);
          if (!end) return;
          emit(
            approvalNeeded && end.type === 'turn.failed'
              ? {
                  ...end,
                  error: { message: 'The turn was aborted: it needed an approval skein exec cannot give.' },
                }
              : end,
          );
          return finish(() => resolve({ turn, approvalNeeded, stoppedBy }));
        }
        case 'turn/started':
          // turn.started is reported from turn/start's answer, which names the turn.
          return;
      }
    };

    for (const name of FOLLOWED) {
      unsubscribers.push(
        rpc.on(name, (params: unknown) => {
          if (done || idsOf(name, params).threadId !== threadId) return;
          if (turnId === null) early.push([name, params]);
          else handle(name, params);
        }),
      );
    }
    unsubscribers.push(
      rpc.onClose((reason) =>
        finish(() =>
          reject(
            new Error(`The connection to the Skein host closed (${reason ?? 'closed'}) during the turn.`),
          ),
        ),
      ),
    );
    void options.stop.then((signal) => {
      if (done) return;
      stoppedBy = signal;
      if (turnId === null) return;
      rpc.api.turn
        .interrupt({ threadId })
        .catch((error: unknown) => log.warn('Interrupting the turn failed', error));
    });

    options.startTurn().then(
      (turn) => {
        if (done) return;
        turnId = turn.id;
        emit({ type: 'turn.started', turn_id: turn.id });
        for (const [name, params] of early.splice(0)) handle(name, params);
        // A signal that came while the turn was being started interrupts it now.
        if (stoppedBy !== null && !done) {
          rpc.api.turn
            .interrupt({ threadId })
            .catch((error: unknown) => log.warn('Interrupting the turn failed', error));
        }
      },
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
