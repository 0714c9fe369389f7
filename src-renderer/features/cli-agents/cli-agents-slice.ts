import { create } from 'zustand';
import type { CliAgent, RpcClient } from '../../../src-shared/contract';
import { notifyCliAgentWaiting } from './cli-agent-notification';

interface CliAgentsState {
  /** Agents started in this host run, by id. */
  byId: Record<string, CliAgent>;
  /** Bumped on `cliAgents/templatesChanged`: an open dialog re-fetches the presets and templates. */
  templatesVersion: number;
  setAll: (agents: CliAgent[]) => void;
  upsert: (agent: CliAgent) => void;
  bumpTemplates: () => void;
}

export const useCliAgents = create<CliAgentsState>((set) => ({
  byId: {},
  templatesVersion: 0,
  setAll: (agents) => set({ byId: Object.fromEntries(agents.map((a) => [a.id, a])) }),
  upsert: (agent) =>
    set((state) => {
      const held = state.byId[agent.id];
      // Notifications and answers can cross; the later status change wins.
      if (held && held.statusChangedAt > agent.statusChangedAt) return state;
      return { byId: { ...state.byId, [agent.id]: agent } };
    }),
  bumpTemplates: () => set((state) => ({ templatesVersion: state.templatesVersion + 1 })),
}));

/** The agents of one thread, oldest first. */
export function agentsOfThread(byId: Record<string, CliAgent>, threadId: string): CliAgent[] {
  return Object.values(byId)
    .filter((agent) => agent.threadId === threadId)
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** The agent running in a terminal (the newest, should a terminal ever host two). */
export function agentOfTerminal(byId: Record<string, CliAgent>, terminalId: string): CliAgent | undefined {
  let found: CliAgent | undefined;
  for (const agent of Object.values(byId)) {
    if (agent.terminalId === terminalId && (!found || agent.startedAt > found.startedAt)) found = agent;
  }
  return found;
}

/** Status changes and template edits from the host (any window may start or edit them). */
export function subscribeCliAgents(client: RpcClient): void {
  client.on('cliAgents/status', ({ agent }) => {
    const previous = useCliAgents.getState().byId[agent.id]?.status;
    useCliAgents.getState().upsert(agent);
    notifyCliAgentWaiting(agent, previous);
  });
  client.on('cliAgents/templatesChanged', () => useCliAgents.getState().bumpTemplates());
}

/** The agents this host run knows (after a reconnect some may have changed or ended). */
export async function fetchCliAgents(client: RpcClient): Promise<void> {
  const { agents } = await client.api.cliAgents.list({});
  useCliAgents.getState().setAll(agents);
}
