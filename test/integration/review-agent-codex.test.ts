import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentTestHost, agentEnv } from '../support/agent-host';
import {
  CODEX_BIN,
  createCodexSandbox,
  startTripwireProxy,
  type TripwireProxy,
} from '../support/codex-backend-fixtures';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { finding, reviewAnswer, runReview, threadWithChanges } from '../support/review-agent-fixtures';

let server: ModelServer;
let proxy: TripwireProxy;
const temp = new TempDirs();
let test: AgentTestHost | null = null;

beforeAll(async () => {
  server = await startModelServer();
  proxy = await startTripwireProxy();
});

afterEach(async () => {
  await test?.close();
  test = null;
  temp.cleanup();
});

afterAll(async () => {
  // Everything Codex asked for went to the scripted server; nothing left the machine.
  expect(proxy.attempts).toEqual([]);
  await proxy.close();
  await server.close();
});

describe('a Codex reviewer', () => {
  it('runs codex exec with the review schema and validates its answer like any other', async () => {
    const sandbox = createCodexSandbox(temp, server.url, proxy.url);
    test = await AgentTestHost.start(temp.make('skein-review-codex-data-'), agentEnv(server, temp), {
      backends: { codex: { home: sandbox.codexHome, env: sandbox.env } },
    });
    await test.client.api.agent.setSettings({ scope: 'user', settings: { codexPath: CODEX_BIN } });
    const { thread } = await threadWithChanges(test, temp);
    server.script([{ text: reviewAnswer([finding(), finding({ severity: 'urgent' })]) }]);
    const before = server.requests.length;

    const { ended } = await runReview(test, thread.id, { reviewer: 'codex' });
    expect(ended.error).toBeNull();
    expect(ended.status).toBe('completed');
    expect(ended.reviewer).toBe('codex');
    expect(ended.provider).toBeNull();
    expect(ended.findings.map((f) => f.title)).toEqual(['Retries one time too many']);
    expect(ended.invalid.map((entry) => entry.index)).toEqual([1]);

    const request = server.requests.slice(before).find((r) => r.api === 'responses');
    const format = (
      request?.body as { text?: { format?: { type?: string; schema?: { required?: string[] } } } }
    )?.text?.format;
    expect(format?.type).toBe('json_schema');
    expect(format?.schema?.required).toEqual(['verdict', 'summary', 'findings']);
    const user =
      request?.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.text)
        .join('\n') ?? '';
    expect(user).toContain('+      if (attempt > ATTEMPTS) throw error;');
  });
});
