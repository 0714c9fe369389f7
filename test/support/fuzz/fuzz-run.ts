import fc from 'fast-check';
import { existsSync, readdirSync } from 'node:fs';
import type { ErrorKind, RequestId } from '../../../src-shared/contract';
import { fuzzCaseArbitrary, renderCase } from './fuzz-cases';
import type { FuzzHost } from './fuzz-host';
import { expectedReply, judgeResponse, type Expected, type Response } from './fuzz-oracle';
import { PWNED_PREFIX } from './fuzz-values';

export interface FuzzRunOptions {
  /** Messages to send (rounded up to whole batches). */
  count: number;
  seed: number;
  /** fast-check's replay path of a failure (with its seed), to run only that batch again. */
  path?: string;
  /** Frames per write: one batch is one fast-check value, written at once and awaited together. */
  batchSize?: number;
  /** How long a batch may wait for its last answer (heavy methods on a loaded machine). */
  answerTimeoutMs?: number;
  onBatch?: (sent: number) => void;
}

export interface FuzzRunReport {
  count: number;
  /** Generated frames not sent because their id was already in flight (see the batch loop). */
  skipped: number;
  seed: number;
  /** Null when the run passed; else what failed and how to replay it. */
  failure: string | null;
  durationMs: number;
  messagesPerSecond: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** Frames by what they had to get back (answer, INVALID_PARAMS, PARSE_ERROR, …). */
  expectations: Record<string, number>;
  /** Answers to valid-shaped messages: results, and errors by kind. */
  answers: Record<string, number>;
  /** Contract methods that got at least one valid-shaped message. */
  methodsExercised: number;
  /** The methods whose answers took longest in total (ms), slowest first: where a run's time goes. */
  slowestMethods: Record<string, number>;
}

const DEFAULT_BATCH = 250;
/** Batches written before waiting for their answers: enough to keep the host busy, few enough to bound memory. */
const BATCHES_IN_FLIGHT = 3;
const DEFAULT_ANSWER_TIMEOUT_MS = 180_000;
/** After the last batch, how long to listen for stray answers (a notification answered late). */
const STRAY_ANSWER_GRACE_MS = 300;
/** Skipped frames are about 0.05% (48 of 100,000 in the first full run): a few spare batches cover them. */
const FUZZ_SPARE_RUNS = 4;

interface Pending {
  expected: Expected;
  text: string;
  sentAt: number;
}

function label(expected: Expected): string {
  return expected.reply === 'answer' ? 'answer' : expected.reply === 'none' ? 'no reply' : expected.kind;
}

/** Sends `count` generated messages to the host, checking each answer; resolves with the figures. */
export async function runFuzz(host: FuzzHost, options: FuzzRunOptions): Promise<FuzzRunReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  // Several frames can carry one id: a corrupted number may turn an id into -0 (that is, 0) more than once.
  const pending = new Map<RequestId, Pending[]>();
  let pendingCount = 0;
  const answered = new Set<RequestId>();
  const expectations: Record<string, number> = {};
  const answers: Record<string, number> = {};
  const methods = new Set<string>();
  const latency = new Map<string, number>();
  const nullExpected = new Map<ErrorKind, number>();
  const nullReceived = new Map<ErrorKind, number>();
  const problems: string[] = [];
  let sequence = 0;
  let sent = 0;
  let skipped = 0;
  let wake: (() => void) | null = null;

  const off = host.onFrame((frame) => {
    const response = frame as Response & { method?: unknown };
    if (response.id === undefined && typeof response.method === 'string') return; // a host notification
    if (response.id === null) {
      const kind = response.error?.data?.kind as ErrorKind;
      if (kind !== 'PARSE_ERROR' && kind !== 'INVALID_REQUEST')
        problems.push(`an answer with id null of kind ${String(kind)}`);
      const wrong = judgeResponse({ reply: 'null', kind }, response);
      if (wrong) problems.push(`id null: ${wrong}`);
      nullReceived.set(kind, (nullReceived.get(kind) ?? 0) + 1);
    } else {
      const id = response.id as RequestId;
      const queue = pending.get(id);
      const entry = queue?.shift();
      if (queue?.length === 0) pending.delete(id);
      if (!entry) {
        if (answered.has(id)) problems.push(`id ${String(id)} was answered twice`);
        else if (!(typeof id === 'number' && id < 1_000_000_000))
          problems.push(`an answer to unknown id ${JSON.stringify(id)}`);
        return;
      }
      pendingCount -= 1;
      answered.add(id);
      const wrong = judgeResponse(entry.expected, response);
      if (wrong)
        problems.push(
          `${wrong}\n  frame: ${entry.text.slice(0, 400)}\n  answer: ${JSON.stringify(response).slice(0, 400)}`,
        );
      if (entry.expected.reply === 'answer') {
        const method = entry.expected.method;
        latency.set(method, (latency.get(method) ?? 0) + performance.now() - entry.sentAt);
        const key = response.error ? String(response.error.data?.kind) : 'result';
        answers[key] = (answers[key] ?? 0) + 1;
      }
    }
    wake?.();
  });

  const settled = (inFlight: number) =>
    pendingCount <= inFlight &&
    (inFlight > 0 || [...nullExpected].every(([kind, count]) => (nullReceived.get(kind) ?? 0) >= count));

  /** Waits until at most `inFlight` answers are outstanding (0: all, and every id-null error too). */
  const waitForAnswers = async (inFlight: number): Promise<void> => {
    const deadline = Date.now() + answerTimeoutMs;
    while (!settled(inFlight) && problems.length === 0) {
      if (!host.alive()) throw new Error(`The host died. stderr tail:\n${host.stderr().slice(-4_000)}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        const missing = [...pending.values()]
          .flat()
          .slice(0, 5)
          .map((entry) => entry.text.slice(0, 300));
        throw new Error(
          `No answer within ${answerTimeoutMs} ms to ${pendingCount} frame(s), e.g.:\n${missing.join('\n')}\nThe host's child processes:\n${host.children()}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1_000));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
  };

  const property = fc.asyncProperty(
    fc.array(fuzzCaseArbitrary(host.world), { minLength: batchSize, maxLength: batchSize }),
    async (cases) => {
      // The spare runs below only top up what skipped frames left short of the count.
      if (sent >= options.count) return;
      const frames: string[] = [];
      for (const fuzzCase of cases) {
        const text = renderCase(fuzzCase, (sequence += 1));
        const expected = expectedReply(text);
        // A corrupted number can turn an id into one already in flight (-0 is 0): answers to two frames
        // of one id could not be told apart, so such a frame is not sent.
        if ((expected.reply === 'answer' || expected.reply === 'error') && pending.has(expected.id)) {
          skipped += 1;
          continue;
        }
        expectations[label(expected)] = (expectations[label(expected)] ?? 0) + 1;
        if (expected.reply === 'answer') methods.add(expected.method);
        if (expected.reply === 'answer' || expected.reply === 'error') {
          const queue = pending.get(expected.id) ?? [];
          queue.push({ expected, text, sentAt: performance.now() });
          pending.set(expected.id, queue);
          pendingCount += 1;
          answered.delete(expected.id);
        }
        if (expected.reply === 'null')
          nullExpected.set(expected.kind, (nullExpected.get(expected.kind) ?? 0) + 1);
        frames.push(text);
      }
      host.write(frames);
      sent += frames.length;
      // The host works on the next batch while this one's slow answers come in (pipelining).
      await waitForAnswers(batchSize * BATCHES_IN_FLIGHT);
      options.onBatch?.(sent);
    },
  );

  const rssBeforeBytes = host.rssBytes();
  const started = performance.now();
  let failure: string | null = null;
  try {
    const details = await fc.check(property, {
      seed: options.seed,
      path: options.path,
      // A few spare runs: frames skipped for a clashing id must not leave the run short of its count.
      numRuns: Math.ceil(options.count / batchSize) + FUZZ_SPARE_RUNS,
      endOnFailure: true,
    });
    if (details.failed) {
      const cause =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      failure = `${cause}\nReplay: SKEIN_FUZZ_SEED=${details.seed} SKEIN_FUZZ_PATH=${details.counterexamplePath ?? ''} (fast-check seed ${details.seed}, path ${details.counterexamplePath ?? ''})`;
    }
    if (!failure) await waitForAnswers(0);
    await new Promise((resolve) => setTimeout(resolve, STRAY_ANSWER_GRACE_MS));
    if (!failure) failure = finalChecks(host, problems, nullExpected, nullReceived);
    if (!failure) await host.client.api.host.info({});
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  } finally {
    off();
  }
  const durationMs = performance.now() - started;
  return {
    count: sent,
    skipped,
    seed: options.seed,
    failure,
    durationMs: Math.round(durationMs),
    messagesPerSecond: Math.round((sent / durationMs) * 1000),
    rssBeforeBytes,
    rssAfterBytes: host.alive() ? host.rssBytes() : 0,
    expectations,
    answers,
    methodsExercised: methods.size,
    slowestMethods: Object.fromEntries(
      [...latency]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([method, ms]) => [method, Math.round(ms)]),
    ),
  };
}

function finalChecks(
  host: FuzzHost,
  problems: string[],
  nullExpected: Map<ErrorKind, number>,
  nullReceived: Map<ErrorKind, number>,
): string | null {
  if (problems.length > 0) return problems.slice(0, 5).join('\n');
  if (!host.alive()) return 'The host is not running after the run.';
  for (const kind of new Set([...nullExpected.keys(), ...nullReceived.keys()])) {
    const want = nullExpected.get(kind) ?? 0;
    const got = nullReceived.get(kind) ?? 0;
    if (want !== got) return `Expected ${want} ${kind} answer(s) with id null, got ${got}.`;
  }
  const pwned = existsSync(host.world.root)
    ? readdirSync(host.world.root).filter((name) => name.startsWith(PWNED_PREFIX))
    : [];
  if (pwned.length > 0) return `An injected command or git option ran: ${pwned.join(', ')} exist.`;
  return null;
}
