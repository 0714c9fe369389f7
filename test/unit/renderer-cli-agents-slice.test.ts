import { beforeEach, describe, expect, test } from 'vitest';
import type { CliAgent } from '../../src-shared/contract';
import {
  agentOfTerminal,
  agentsOfThread,
  useCliAgents,
} from '../../src-renderer/features/cli-agents/cli-agents-slice';

function agent(patch: Partial<CliAgent> & { id: string }): CliAgent {
  return {
    threadId: 't1',
    terminalId: 'term1',
    presetId: null,
    templateId: 'tpl',
    name: 'Mine',
    executable: '/opt/mine',
    status: 'working',
    statusSource: 'activity',
    exitCode: null,
    startedAt: 10,
    statusChangedAt: 10,
    ...patch,
  };
}

describe('CLI agents store', () => {
  beforeEach(() => useCliAgents.getState().setAll([]));

  test('a later status change wins over an older answer arriving after it', () => {
    const store = useCliAgents.getState();
    store.upsert(agent({ id: 'a', status: 'waiting_for_input', statusChangedAt: 30 }));
    // The `cliAgents/start` answer (status at start) arrives after the notification.
    store.upsert(agent({ id: 'a', status: 'working', statusChangedAt: 10 }));
    expect(useCliAgents.getState().byId.a?.status).toBe('waiting_for_input');
    store.upsert(agent({ id: 'a', status: 'exited', exitCode: 2, statusChangedAt: 40 }));
    expect(useCliAgents.getState().byId.a?.exitCode).toBe(2);
  });

  test('agents are found by thread (oldest first) and by terminal (newest)', () => {
    const store = useCliAgents.getState();
    store.setAll([
      agent({ id: 'b', startedAt: 20, terminalId: 'term2' }),
      agent({ id: 'a', startedAt: 10 }),
      agent({ id: 'c', threadId: 't2', terminalId: 'term3' }),
      agent({ id: 'd', startedAt: 30, terminalId: 'term1', status: 'exited' }),
    ]);
    const { byId } = useCliAgents.getState();
    expect(agentsOfThread(byId, 't1').map((a) => a.id)).toEqual(['a', 'b', 'd']);
    expect(agentOfTerminal(byId, 'term1')?.id).toBe('d');
    expect(agentOfTerminal(byId, 'term3')?.id).toBe('c');
    expect(agentOfTerminal(byId, 'nope')).toBeUndefined();
  });

  test('template changes bump a version that open dialogs follow', () => {
    const before = useCliAgents.getState().templatesVersion;
    useCliAgents.getState().bumpTemplates();
    expect(useCliAgents.getState().templatesVersion).toBe(before + 1);
  });
});
