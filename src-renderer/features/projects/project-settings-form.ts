import type { z } from 'zod';
import type { projectSettingsPatchSchema } from '../../../src-shared/contract';

export type ProjectSettingsPatch = z.infer<typeof projectSettingsPatchSchema>;

/** The repository settings form as typed: text fields, parsed on save. */
export interface ProjectSettingsDraft {
  /** One path per line. */
  setupFiles: string;
  setupCommand: string;
  poolSize: string;
  checkCommand: string;
}

/** Blank commands mean "none"; blank lines are dropped; a pool size that is not a number is left as it was. */
export function settingsPatch(draft: ProjectSettingsDraft): ProjectSettingsPatch {
  const setupFiles = draft.setupFiles
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const pool = Number.parseInt(draft.poolSize, 10);
  return {
    setupFiles,
    setupCommand: draft.setupCommand.trim() || null,
    checkCommand: draft.checkCommand.trim() || null,
    ...(Number.isFinite(pool) ? { poolSize: Math.max(0, Math.min(8, pool)) } : {}),
  };
}
