import type { Thread } from '../../src-shared/contract';
import type { AgentTestHost } from './agent-host';
import type { ScriptedReply } from './model-server';

/** A reply that reads a file (a tool needing no approval) and costs `tokens` (input + output). */
export function readingReply(id: string, tokens: number): ScriptedReply {
  return {
    toolCalls: [{ id, name: 'read_file', arguments: { path: 'README.md' } }],
    usage: { input: tokens - 10, output: 10 },
  };
}

/** A final answer that costs `tokens` (input + output). */
export function answerReply(text: string, tokens: number): ScriptedReply {
  return { text, usage: { input: tokens - 10, output: 10 } };
}

/** Another ready thread of an existing project. */
export async function startReadyThread(
  test: AgentTestHost,
  projectId: string,
  title: string,
): Promise<Thread> {
  const started = await test.client.api.thread.start({ projectId, title });
  if (started.status === 'ready') return started;
  return test.waitFor(() => {
    const last = test
      .of('thread/updated')
      .filter((entry) => entry.thread.id === started.id)
      .at(-1)?.thread;
    return last?.status === 'ready' ? last : undefined;
  }, `thread "${title}" to be ready`);
}

/** Records `budget/reached` notifications (the test host records only the agent's). */
export function recordBudgetReached(test: AgentTestHost): { threadId: string; message: string }[] {
  const reached: { threadId: string; message: string }[] = [];
  test.client.on('budget/reached', ({ threadId, message }) => reached.push({ threadId, message }));
  return reached;
}
