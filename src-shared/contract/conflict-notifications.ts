import { conflictMatrixSchema, rebaseStateSchema } from './conflict-models';

/** Notifications of the conflict radar and rebases, merged into `notifications` (notifications.ts). Broadcast. */
export const conflictNotifications = {
  /** The project's matrix changed (a snapshot moved, cells finished computing, the base moved, a thread came or went). */
  'conflicts/updated': conflictMatrixSchema,
  /** A thread's rebase started, stopped on conflicts, moved on, finished or was aborted. */
  'rebase/updated': rebaseStateSchema,
} as const;
