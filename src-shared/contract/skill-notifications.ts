import { z } from 'zod';

/** Notifications of skills, merged into `notifications` (notifications.ts). Broadcast. */
export const skillNotifications = {
  /**
   * Something changed in a watched skills folder (on disk, or by a request): re-fetch `skills/list`.
   * `roots` are the skills folders that changed (empty when the enabled settings changed).
   */
  'skills/changed': z.object({ roots: z.array(z.string()) }),
} as const;
