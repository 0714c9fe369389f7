import { z } from 'zod';
import { idSchema } from './models';
import { reviewCommentSchema } from './review-models';

/** Notifications of review, merged into `notifications` (notifications.ts). All are broadcast. */
export const reviewNotifications = {
  /** The thread's files, commits or base changed (on disk, by a turn, a commit or a merge): re-fetch its review. */
  'review/changed': z.object({ threadId: idSchema }),
  'review/comments': z.object({ threadId: idSchema, comments: z.array(reviewCommentSchema) }),
} as const;
