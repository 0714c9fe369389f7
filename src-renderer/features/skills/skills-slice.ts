import { create } from 'zustand';
import type { RpcClient } from '../../../src-shared/contract';

interface SkillsState {
  /** Bumped on every `skills/changed`: open skill views re-fetch when it moves. */
  version: number;
  bump: () => void;
}

export const useSkillsVersion = create<SkillsState>((set) => ({
  version: 0,
  bump: () => set((state) => ({ version: state.version + 1 })),
}));

/** Subscribes to changes on disk and in settings; call before the first fetch so nothing falls between. */
export function subscribeSkills(client: RpcClient): void {
  client.on('skills/changed', () => useSkillsVersion.getState().bump());
}
