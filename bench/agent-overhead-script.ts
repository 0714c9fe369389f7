/**
 * The scripted agent of the agent-overhead benchmark: each thread (named in its first message)
 * makes TOOL_CALLS_PER_TURN trivial tool calls, then streams an answer whose chunks carry markers
 * (`[m<thread>-<n>]`) so the benchmark can time each chunk from arrival to client.
 * Also runnable as the benchmark's model server process: `node --import tsx bench/agent-overhead-script.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startModelServer, type RecordedRequest, type ScriptedReply } from '../test/support/model-server';

export const TOOL_CALLS_PER_TURN = 25;
export const ANSWER_CHUNKS = 60;
export const MARKER = /\[m(\d+)-(\d+)\]/g;
export const THREAD_TAG = /bench-thread-(\d+)/;

export function benchReply(request: RecordedRequest): ScriptedReply {
  const thread = Number(THREAD_TAG.exec(JSON.stringify(request.messages))?.[1] ?? -1);
  const step = request.messages.filter((message) => message.role === 'tool').length;
  if (step < TOOL_CALLS_PER_TURN) {
    const call =
      step % 2 === 0
        ? { name: 'update_plan', arguments: { plan: [{ step: `step ${step}`, status: 'in_progress' }] } }
        : { name: 'read_file', arguments: { path: 'README.md' } };
    return { toolCalls: [{ id: `call_${thread}_${step}`, ...call }], usage: { input: 100, output: 10 } };
  }
  return {
    text: Array.from({ length: ANSWER_CHUNKS }, (_, i) => `[m${thread}-${i}] `),
    usage: { input: 100, output: 60 },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startModelServer();
  server.script(benchReply);
  process.stdout.write(`${server.url}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}
