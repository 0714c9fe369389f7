import { z } from 'zod';
import { managerSchema } from './manager-models';

/** Notifications of manager threads, merged into `notifications` (notifications.ts). Broadcast. */
export const managerNotifications = {
  /** A worker started, changed state or handed back; the gate ran or was waived; the manager reported done. */
  'manager/updated': z.object({ manager: managerSchema }),
} as const;
