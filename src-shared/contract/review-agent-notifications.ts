import { z } from 'zod';
import { reviewRunSchema } from './review-agent-models';

/** Notifications of the review agent, merged into `notifications` (notifications.ts). Broadcast. */
export const reviewAgentNotifications = {
  /** A run started, ended (completed, failed, cancelled), or one of its findings changed status. */
  'reviewAgent/updated': z.object({ run: reviewRunSchema }),
} as const;
