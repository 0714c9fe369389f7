import { create } from 'zustand';
import type { RpcClient } from '../../../src-shared/contract';

interface McpState {
  /** Bumped on every `mcp/changed`: open server views re-fetch when it moves. */
  version: number;
  bump: () => void;
}

export const useMcpVersion = create<McpState>((set) => ({
  version: 0,
  bump: () => set((state) => ({ version: state.version + 1 })),
}));

/** Status, tools and settings change on the host at any time; views follow by re-listing. */
export function subscribeMcp(client: RpcClient): void {
  client.on('mcp/changed', () => useMcpVersion.getState().bump());
}

/** Re-lists now, for changes this window made (the notification follows, but may lag a start-up). */
export function refreshMcp(): void {
  useMcpVersion.getState().bump();
}
