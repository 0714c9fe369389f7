import { requireClient } from '../../lib/session';

/** Starts a turn, or steers the running one: the message is read at the agent's next step. */
export async function sendMessage(threadId: string, message: string, running: boolean): Promise<void> {
  const api = requireClient().api;
  if (running) await api.turn.steer({ threadId, message });
  else await api.turn.start({ threadId, message });
}

export async function interruptTurn(threadId: string): Promise<void> {
  await requireClient().api.turn.interrupt({ threadId });
}

/** Picks up the thread's last interrupted turn where it stopped. */
export async function continueTurn(threadId: string): Promise<void> {
  await requireClient().api.turn.continue({ threadId });
}
