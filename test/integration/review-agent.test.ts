import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../src-shared/contract';
import { AgentTestHost, agentEnv, createAgentThread } from '../support/agent-host';
import { TempDirs } from '../support/git-repo';
import { startModelServer, type ModelServer } from '../support/model-server';
import { finding, reviewAnswer, runReview, threadWithChanges } from '../support/review-agent-fixtures';

const dirs = new TempDirs();
let server: ModelServer;
let test: AgentTestHost | null = null;

beforeEach(async () => {
  server = await startModelServer();
  test = await AgentTestHost.start(dirs.make('skein-review-agent-data-'), agentEnv(server, dirs));
});
afterEach(async () => {
  await test?.close();
  test = null;
  await server.close();
  dirs.cleanup();
});

function host(): AgentTestHost {
  if (!test) throw new Error('no host');
  return test;
}

/** The JSON schema the request carried as structured output, per wire format. */
function requestedSchema(body: unknown, api: string): unknown {
  const record = body as {
    text?: { format?: { type?: string; name?: string; schema?: unknown } };
    response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown } };
  };
  if (api === 'responses')
    return record.text?.format?.type === 'json_schema' ? record.text.format.schema : null;
  if (api === 'chat') {
    return record.response_format?.type === 'json_schema' ? record.response_format.json_schema?.schema : null;
  }
  return null;
}

describe.each<ProviderKind>(['openai', 'openai-chat', 'anthropic'])('a review over %s', (provider) => {
  it('stores the valid findings and reports the malformed ones apart', async () => {
    const test = host();
    const { thread } = await threadWithChanges(test, dirs);
    server.script([
      {
        text: reviewAnswer([
          finding(),
          finding({ severity: 'blocker' }),
          finding({ omit: ['title'] }),
          finding({ startLine: 11, endLine: 40 }),
          finding({ file: 'src/not-in-diff.ts' }),
          finding({
            title: 'Delay grows linearly',
            file: 'src/delay.ts',
            startLine: 1,
            endLine: 2,
            severity: 'low',
            confidence: 0.4,
          }),
          'not an object',
        ]),
      },
    ]);

    const { started, ended } = await runReview(test, thread.id, { provider });
    expect(started.status).toBe('running');
    expect(ended.status).toBe('completed');
    expect(ended.provider).toBe(provider);
    expect(ended.verdict).toBe('request_changes');
    expect(ended.summary).toBe('Adds retries with a delay.');
    expect(ended.from).toMatch(/^[0-9a-f]{40}$/);
    expect(ended.to).toMatch(/^[0-9a-f]{40}$/);
    expect(ended.diffTruncated).toBe(false);
    expect(ended.tokensIn).toBeGreaterThan(0);

    expect(
      ended.findings.map((f) => [f.title, f.path, f.startLine, f.endLine, f.severity, f.status]),
    ).toEqual([
      ['Retries one time too many', 'src/retry.ts', 6, 7, 'high', 'open'],
      ['Delay grows linearly', 'src/delay.ts', 1, 2, 'low', 'open'],
    ]);
    expect(ended.findings[0]?.body).toContain('use `>=`');
    expect(ended.findings[1]?.confidence).toBe(0.4);

    const invalid = ended.invalid.map((entry) => [entry.index, entry.reason]);
    expect(invalid).toEqual([
      [1, expect.stringContaining('severity')],
      [2, expect.stringContaining('title')],
      [3, 'lines 11–40 are outside src/retry.ts, which has 11 line(s)'],
      [4, 'the file src/not-in-diff.ts is not in the reviewed diff'],
      [6, expect.any(String)],
    ]);
    expect(ended.invalid[0]?.raw).toContain('"blocker"');
    // None of the malformed entries became a finding.
    expect(
      ended.findings.some(
        (f) => f.path === 'src/not-in-diff.ts' || (f.severity !== 'high' && f.severity !== 'low'),
      ),
    ).toBe(false);

    // The request: one call, no tools, the diff (uncommitted work included) and the schema asked for.
    const request = server.requests.at(-1);
    expect(request?.api).toBe(
      provider === 'openai' ? 'responses' : provider === 'openai-chat' ? 'chat' : 'anthropic',
    );
    expect(request?.tools).toEqual([]);
    const user = request?.messages.find((m) => m.role === 'user')?.text ?? '';
    expect(user).toContain('+      if (attempt > ATTEMPTS) throw error;');
    expect(user).toContain('src/delay.ts');
    const system = request?.messages.find((m) => m.role === 'system')?.text ?? '';
    expect(system).toContain('Answer with one JSON object and nothing else');
    if (provider !== 'anthropic') {
      const schema = requestedSchema(request?.body, request?.api ?? '') as {
        required?: string[];
        properties?: { findings?: { items?: { required?: string[] } } };
      } | null;
      expect(schema?.required).toEqual(['verdict', 'summary', 'findings']);
      expect(schema?.properties?.findings?.items?.required).toEqual([
        'title',
        'explanation',
        'file',
        'startLine',
        'endLine',
        'severity',
        'confidence',
      ]);
    }

    // Stored and listed as the notification reported it.
    const { runs } = await test.client.api.reviewAgent.runs({ threadId: thread.id });
    expect(runs).toEqual([ended]);
  });
});

describe('review agent failures and actions', () => {
  it('fails the run when the reviewer does not answer with JSON', async () => {
    const test = host();
    const { thread } = await threadWithChanges(test, dirs);
    server.script([{ text: 'Looks good to me! Ship it.' }]);
    const { ended } = await runReview(test, thread.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toContain('did not answer with JSON');
    expect(ended.error).toContain('Looks good to me');
    expect(ended.findings).toEqual([]);
    expect(ended.verdict).toBeNull();

    server.script([{ text: JSON.stringify({ verdict: 'ship it', findings: [] }) }]);
    const second = await runReview(test, thread.id);
    expect(second.ended.status).toBe('failed');
    expect(second.ended.error).toContain('not a review');
    // Newest first.
    const { runs } = await test.client.api.reviewAgent.runs({ threadId: thread.id });
    expect(runs.map((run) => run.id)).toEqual([second.ended.id, ended.id]);
  });

  it('refuses a thread with nothing to review, and reports a provider error as a failed run', async () => {
    const test = host();
    const { thread } = await createAgentThread(test, dirs);
    await expect(test.client.api.reviewAgent.run({ threadId: thread.id })).rejects.toThrow(
      /nothing to review/,
    );
    writeFileSync(join(thread.worktreePath, 'README.md'), '# demo\n\nMore.\n');
    server.script([{ error: { status: 500, message: 'upstream broke' } }]);
    const { ended } = await runReview(test, thread.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toContain('upstream broke');
  });

  it('sends a finding to the thread’s agent as a new turn, and dismisses another', async () => {
    const test = host();
    const { thread } = await threadWithChanges(test, dirs);
    server.script([
      {
        text: reviewAnswer([
          finding(),
          finding({ title: 'Magic number', severity: 'info', startLine: 8, endLine: 8 }),
        ]),
      },
    ]);
    const { ended } = await runReview(test, thread.id);
    const [offByOne, magic] = ended.findings;
    if (!offByOne || !magic) throw new Error('expected two findings');

    const updates: string[] = [];
    test.client.on('reviewAgent/updated', ({ run }) =>
      updates.push(run.findings.map((f) => f.status).join(',')),
    );
    const { finding: dismissed } = await test.client.api.reviewAgent.dismiss({ findingId: magic.id });
    expect(dismissed.status).toBe('dismissed');

    server.script([{ text: 'Changed `>` to `>=`.' }]);
    const sent = await test.client.api.reviewAgent.send({ findingId: offByOne.id });
    expect(sent.steered).toBe(false);
    expect(sent.finding.status).toBe('sent');
    expect(sent.finding.sentTurnId).toBe(sent.turnId);
    const turn = await test.turnCompleted(thread.id);
    expect(turn.id).toBe(sent.turnId);
    const { items } = await test.transcript(thread.id);
    const asked = items.find((item) => item.kind === 'user_message');
    expect(asked?.kind === 'user_message' ? asked.text : '').toContain('Retries one time too many');
    expect(asked?.kind === 'user_message' ? asked.text : '').toContain('src/retry.ts, lines 6-7');
    expect(updates).toEqual(['open,dismissed', 'sent,dismissed']);

    await expect(test.client.api.reviewAgent.send({ findingId: offByOne.id })).rejects.toThrow(
      /already sent/,
    );
    const { runs } = await test.client.api.reviewAgent.runs({ threadId: thread.id });
    expect(runs[0]?.findings.map((f) => f.status)).toEqual(['sent', 'dismissed']);
  });

  it('steers a finding into the turn that is running', async () => {
    const test = host();
    const { thread } = await threadWithChanges(test, dirs);
    server.script([{ text: reviewAnswer([finding()]) }]);
    const { ended } = await runReview(test, thread.id);
    const offByOne = ended.findings[0];
    if (!offByOne) throw new Error('expected a finding');

    const words = Array.from({ length: 10 }, (_, i) => `word${i} `);
    server.script([{ text: words, chunkDelayMs: 30 }, { text: 'Fixed the off-by-one too.' }]);
    const { turn } = await test.client.api.turn.start({ threadId: thread.id, message: 'Tidy up' });
    await test.waitFor(
      () => test.of('item/delta').find((delta) => delta.stream === 'text'),
      'the first words',
    );
    await test.threadStatus(thread.id, 'working');
    const sent = await test.client.api.reviewAgent.send({ findingId: offByOne.id });
    expect(sent).toMatchObject({ steered: true, turnId: turn.id });
    expect(sent.finding.status).toBe('sent');
    expect((await test.turnCompleted(thread.id)).status).toBe('completed');
    const steer = (await test.transcript(thread.id)).items.find(
      (item) => item.kind === 'user_message' && item.steer,
    );
    expect(steer?.kind === 'user_message' ? steer.text : '').toContain('Retries one time too many');
  });

  it('cancels a running review', async () => {
    const test = host();
    const { thread } = await threadWithChanges(test, dirs);
    server.script([{ text: reviewAnswer([finding()]), chunkDelayMs: 3_000 }]);
    const { run } = await test.client.api.reviewAgent.run({ threadId: thread.id });
    const { run: cancelled } = await test.client.api.reviewAgent.cancel({ runId: run.id });
    expect(cancelled.status).toBe('cancelled');
    await test.host.services.reviewAgent.idle();
    const { runs } = await test.client.api.reviewAgent.runs({ threadId: thread.id });
    expect(runs[0]?.status).toBe('cancelled');
    expect(runs[0]?.findings).toEqual([]);
  });
});
