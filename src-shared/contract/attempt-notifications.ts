import { z } from 'zod';
import { attemptGroupSchema } from './attempt-models';

/** Notifications of attempts, merged into `notifications` (notifications.ts). Broadcast. */
export const attemptNotifications = {
  /** A group changed: an attempt's turn ended, a check finished, a winner was picked. */
  'attempt/updated': z.object({ group: attemptGroupSchema }),
} as const;
