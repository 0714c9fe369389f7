import { randomUUID } from 'node:crypto';
import type { Model } from '@openai/agents';
import {
  SkeinError,
  type EffectiveAgentSettings,
  type ProviderKind,
  type ReviewerKind,
  type ReviewFinding,
  type ReviewRun,
  type Thread,
  type Turn,
} from '../../../src-shared/contract';
import { costOf, type AgentSettingsService } from '../agents';
import { findCodexBinary } from '../agents/backends';
import { errorText } from '../error-text';
import type { Publisher } from '../events';
import type { GitQueue } from '../git';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store';
import type { ThreadService } from '../threads';
import { askReviewer } from './ask-reviewer';
import { askCodexReviewer } from './codex-reviewer';
import { findingTask } from './finding-task';
import { fitDiff, reviewerPrompt } from './reviewer-prompt';
import { createReviewRunRows, type ReviewRunRows } from './review-run-rows';
import { newSideLineCounts, readThreadDiff, type ReviewFilesSource, type ThreadDiff } from './thread-diff';
import { parseReviewOutput, referencedPaths, validateFindings } from './validate-review';

const log = createLogger('review-agent');

/** A reviewer reads up to 120k characters and writes a long answer; past this the run is failed. */
export const REVIEW_TIMEOUT_MS = 5 * 60_000;

/** What the review agent needs of the agent service. */
export interface ReviewAgentModels {
  readonly settings: Pick<AgentSettingsService, 'effective'>;
  oneShotModel(
    threadId: string,
    overrides?: { provider?: ProviderKind; model?: string },
  ): Promise<{ model: Model; settings: EffectiveAgentSettings }>;
  startTurn(input: { threadId: string; message: string }): Promise<Turn>;
  steer(threadId: string, message: string): { turnId: string };
}

export interface ReviewAgentServiceDeps {
  db: SqliteDatabase;
  git: GitQueue;
  publisher: Publisher;
  threads: Pick<ThreadService, 'get'>;
  review: ReviewFilesSource;
  agents: ReviewAgentModels;
  /** Where `codex exec` runs for a Codex reviewer (as Codex threads: CODEX_HOME, environment). */
  codex?: { home?: string; env?: NodeJS.ProcessEnv };
  /** The agents' environment (PATH to find codex); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** The reviewer's answer, and what it cost when the provider says. */
interface Answer {
  text: string;
  usage: { tokensIn: number; tokensOut: number; costUsd: number | null } | null;
}

/** A reviewer ready to be asked, and what the run records about it. */
interface Reviewer {
  kind: ReviewerKind;
  provider: ProviderKind | null;
  model: string;
  ask: (prompt: string, signal: AbortSignal) => Promise<Answer>;
}

export interface ReviewAgentService {
  /** Starts a review in the background; rejects at once when there is no model or nothing to review. */
  run(input: {
    threadId: string;
    reviewer?: ReviewerKind;
    provider?: ProviderKind;
    model?: string;
  }): Promise<ReviewRun>;
  runs(threadId: string): ReviewRun[];
  cancel(runId: string): ReviewRun;
  dismiss(findingId: string): ReviewFinding;
  send(findingId: string): Promise<{ finding: ReviewFinding; turnId: string; steered: boolean }>;
  /** Resolves when no review runs (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

/** A thread's agent is busy with a turn it can be steered in. */
function turnRunning(thread: Thread): boolean {
  return thread.status === 'working' || thread.status === 'waiting_approval';
}

export function createReviewAgentService(deps: ReviewAgentServiceDeps): ReviewAgentService {
  const rows: ReviewRunRows = createReviewRunRows(deps.db);
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  const stopping = new AbortController();
  const interrupted = rows.failInterrupted(Date.now());
  if (interrupted > 0) log.warn(`${interrupted} review run(s) cut off by a stop were marked failed`);

  const existingRun = (runId: string): ReviewRun => {
    const run = rows.run(runId);
    if (!run)
      throw new SkeinError('NOT_FOUND', `There is no review run with id ${runId}. Refresh the review.`);
    return run;
  };
  const existingFinding = (findingId: string): ReviewFinding => {
    const finding = rows.finding(findingId);
    if (!finding) {
      throw new SkeinError(
        'NOT_FOUND',
        `There is no review finding with id ${findingId}. Refresh the review.`,
      );
    }
    return finding;
  };
  const publish = (runId: string): ReviewRun => {
    const run = existingRun(runId);
    deps.publisher.publish('reviewAgent/updated', { run });
    return run;
  };

  /** A one-shot call to a built-in provider's model. */
  async function builtInReviewer(
    threadId: string,
    provider?: ProviderKind,
    model?: string,
  ): Promise<Reviewer> {
    const chosen = await deps.agents.oneShotModel(threadId, { provider, model });
    const { settings } = chosen;
    return {
      kind: 'built-in',
      provider: settings.provider,
      model: settings.model,
      async ask(prompt, signal) {
        const answer = await askReviewer(chosen.model, prompt, signal);
        const costUsd = costOf(settings.provider, settings.model, {
          inputTokens: answer.inputTokens,
          outputTokens: answer.outputTokens,
          cachedTokens: answer.cachedTokens,
          reasoningTokens: 0,
        });
        return {
          text: answer.text,
          usage: { tokensIn: answer.inputTokens, tokensOut: answer.outputTokens, costUsd },
        };
      },
    };
  }

  /** `codex exec` in the worktree, found as Codex threads find it (the configured path, else PATH). */
  async function codexReviewer(thread: Thread, model?: string): Promise<Reviewer> {
    const settings = deps.agents.settings.effective({ threadId: thread.id });
    const env = deps.codex?.env ?? deps.env ?? process.env;
    const binary = await findCodexBinary({ configuredPath: settings.codexPath, env });
    const chosenModel = model ?? settings.codexModel ?? null;
    return {
      kind: 'codex',
      provider: null,
      model: chosenModel ?? '',
      async ask(prompt, signal) {
        const text = await askCodexReviewer({
          binaryPath: binary.path,
          codexHome: deps.codex?.home ?? null,
          env,
          worktreePath: thread.worktreePath,
          model: chosenModel,
          prompt,
          signal,
        });
        return { text, usage: null };
      },
    };
  }

  async function review(
    runId: string,
    thread: Thread,
    diff: ThreadDiff,
    reviewer: Reviewer,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const fitted = fitDiff(diff.patch);
      const prompt = reviewerPrompt({
        threadTitle: thread.title,
        diff: fitted.text,
        truncated: fitted.truncated,
        files: diff.files.map((file) => file.path),
      });
      const answer = await reviewer.ask(prompt, signal);
      const usage = answer.usage ?? {};
      let parsed;
      try {
        parsed = parseReviewOutput(answer.text);
      } catch (error) {
        rows.finishRun(runId, {
          status: 'failed',
          error: errorText(error),
          completedAt: Date.now(),
          ...usage,
        });
        return;
      }
      const counts = await newSideLineCounts(
        deps.git,
        diff,
        thread.worktreePath,
        referencedPaths(parsed.entries),
      );
      const { valid, invalid } = validateFindings(parsed.entries, counts);
      if (invalid.length > 0) log.warn(`Review ${runId}: ${invalid.length} malformed finding(s) reported`);
      rows.finishRun(
        runId,
        {
          status: 'completed',
          verdict: parsed.verdict,
          summary: parsed.summary,
          invalid,
          completedAt: Date.now(),
          ...usage,
        },
        valid.map((finding) => ({ ...finding, id: randomUUID() })),
      );
    } catch (error) {
      const message = signal.aborted
        ? stopping.signal.aborted
          ? 'Skein stopped while this review ran. Run the review again.'
          : 'The review took too long and was stopped. Try again, or choose a faster model.'
        : `The reviewer could not answer: ${errorText(error)}`;
      // A cancel has already ended the run; this changes nothing then.
      rows.finishRun(runId, { status: 'failed', error: message, completedAt: Date.now() });
    }
  }

  return {
    async run({ threadId, reviewer: kind = 'built-in', provider, model }) {
      const thread = deps.threads.get(threadId);
      const reviewer =
        kind === 'codex'
          ? await codexReviewer(thread, model)
          : await builtInReviewer(threadId, provider, model);
      const diff = await readThreadDiff(deps.git, deps.review, threadId, thread.worktreePath);
      if (diff.files.length === 0) {
        throw new SkeinError(
          'INVALID_STATE',
          `"${thread.title}" has not changed anything against its base yet, so there is nothing to review.`,
          { threadId },
        );
      }
      const id = randomUUID();
      rows.insertRun({
        id,
        threadId,
        reviewer: reviewer.kind,
        provider: reviewer.provider,
        model: reviewer.model,
        from: diff.from,
        to: diff.to,
        diffTruncated: fitDiff(diff.patch).truncated,
        createdAt: Date.now(),
      });
      const abort = new AbortController();
      const signal = AbortSignal.any([abort.signal, stopping.signal, AbortSignal.timeout(REVIEW_TIMEOUT_MS)]);
      const done = review(id, thread, diff, reviewer, signal)
        .catch((error: unknown) => log.error(`Review ${id} failed unexpectedly`, error))
        .finally(() => {
          running.delete(id);
          if (rows.run(id)) publish(id);
        });
      running.set(id, { abort, done });
      return publish(id);
    },

    runs(threadId) {
      deps.threads.get(threadId);
      return rows.runsOf(threadId);
    },

    cancel(runId) {
      const run = existingRun(runId);
      if (run.status !== 'running') return run;
      rows.finishRun(runId, { status: 'cancelled', completedAt: Date.now() });
      running.get(runId)?.abort.abort();
      return publish(runId);
    },

    dismiss(findingId) {
      const finding = existingFinding(findingId);
      rows.setFindingStatus(findingId, 'dismissed', finding.sentTurnId);
      publish(finding.runId);
      return existingFinding(findingId);
    },

    async send(findingId) {
      const finding = existingFinding(findingId);
      if (finding.status === 'sent') {
        throw new SkeinError(
          'INVALID_STATE',
          'This finding was already sent to the agent; follow it in the thread’s conversation.',
          { findingId },
        );
      }
      const run = existingRun(finding.runId);
      const thread = deps.threads.get(run.threadId);
      const message = findingTask(finding);
      let turnId: string;
      let steered = false;
      if (turnRunning(thread)) {
        turnId = deps.agents.steer(thread.id, message).turnId;
        steered = true;
      } else {
        turnId = (await deps.agents.startTurn({ threadId: thread.id, message })).id;
      }
      rows.setFindingStatus(findingId, 'sent', turnId);
      publish(finding.runId);
      return { finding: existingFinding(findingId), turnId, steered };
    },

    async idle() {
      await Promise.all([...running.values()].map((entry) => entry.done));
    },

    async dispose() {
      stopping.abort();
      await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
}
