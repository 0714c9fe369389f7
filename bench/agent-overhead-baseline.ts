/**
 * The baseline of the agent-overhead benchmark: the same scripted agent run by the agent SDK
 * alone (same model endpoint, tools that do nothing), so the table can tell the SDK's own cost
 * per model step from what Skein adds (recording, approvals, sandbox policy, notifications).
 */
import { Agent, OpenAIResponsesModel, Runner, setTracingDisabled, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { TOOL_CALLS_PER_TURN } from './agent-overhead-script';
import { installFetchProbe } from './agent-overhead-probe';

export async function bareSdkRun(
  url: string,
  threadCount: number,
): Promise<{ gaps: number[]; cpuPerStepMs: number }> {
  setTracingDisabled(true);
  const probe = installFetchProbe();
  try {
    const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${url}/v1` });
    const tools = [
      tool({
        name: 'update_plan',
        description: 'Shows the plan.',
        parameters: z.object({ plan: z.array(z.object({ step: z.string(), status: z.string() })) }),
        execute: async () => 'Plan updated.',
      }),
      tool({
        name: 'read_file',
        description: 'Reads a file.',
        parameters: z.object({ path: z.string() }),
        execute: async () => '# bench\n'.repeat(20),
      }),
    ];
    const agent = new Agent({
      name: 'bare',
      instructions: 'Work.',
      tools,
      model: new OpenAIResponsesModel(client, 'bench'),
    });
    const runner = new Runner({ tracingDisabled: true });
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: threadCount }, async (_, index) => {
        const stream = await runner.run(agent, [{ role: 'user', content: `Work, bench-thread-${index}` }], {
          stream: true,
          maxTurns: TOOL_CALLS_PER_TURN + 5,
        });
        for await (const event of stream) void event;
        await stream.completed;
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return {
      gaps: probe.gaps(threadCount),
      cpuPerStepMs: (cpu.user + cpu.system) / 1000 / (threadCount * (TOOL_CALLS_PER_TURN + 1)),
    };
  } finally {
    probe.restore();
  }
}
