import type { Gate, Worker } from '../../../src-shared/contract';

/** How much of a check's output a refusal shows: the end of a test run says what failed. */
export const CHECK_TAIL_CHARS = 3_000;
/** How much of a worker's unified diff `worker_status` shows; the stat above it lists every file. */
export const WORKER_DIFF_CHARS = 8_000;
/** How much of a worker's last message or summary a status line shows. */
export const MESSAGE_CHARS = 1_500;

/** The last `limit` characters of `text`, marked when cut. */
export function tail(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `[… ${text.length - limit} earlier characters cut]\n${text.slice(-limit)}`;
}

/** The first `limit` characters of `text`, marked when cut. */
export function head(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n[… ${text.length - limit} more characters cut]`;
}

export interface WorkerView {
  worker: Worker;
  title: string;
  /** The worker's last agent message, when it has one. */
  lastMessage: string | null;
}

/** One line per worker: who, what state, and what it last said. */
export function workerLine(view: WorkerView): string {
  const { worker, title } = view;
  const said =
    worker.state === 'handed_back' && worker.summary !== null
      ? ` Hand-back summary: ${head(worker.summary, MESSAGE_CHARS)}`
      : view.lastMessage
        ? ` Last message: ${head(view.lastMessage, MESSAGE_CHARS)}`
        : '';
  return `- "${title}" (thread_id ${worker.threadId}): ${worker.state.replace('_', ' ')}.${said}`;
}

export function waitText(
  outcome: 'ready' | 'timed_out' | 'interrupted',
  views: WorkerView[],
  timeoutSeconds: number,
): string {
  const first =
    outcome === 'ready'
      ? 'The wait is over.'
      : outcome === 'timed_out'
        ? `Timed out after ${timeoutSeconds} s; some workers are still working. Wait again, message them, or stop them.`
        : 'The wait was interrupted.';
  return [first, ...views.map(workerLine)].join('\n');
}

export interface WorkerDiff {
  stat: string;
  diff: string;
}

export function statusText(view: WorkerView, diff: WorkerDiff): string {
  const lines = [workerLine(view)];
  if (diff.stat.trim() === '') {
    lines.push('No changes against its base yet.');
  } else {
    lines.push('Changes against its base (uncommitted work included):', diff.stat.trimEnd());
    lines.push('Diff:', head(diff.diff, WORKER_DIFF_CHARS));
  }
  return lines.join('\n');
}

/** What `report_done` answers while the gate does not let the manager finish. */
export function gateRefusal(gate: Gate, titleOf: (threadId: string) => string): string {
  switch (gate.status) {
    case 'conflict':
      return [
        "Not done: the workers' work does not merge cleanly.",
        `Conflicting paths: ${gate.conflicts.join(', ')}.`,
        'Ask a worker to rebase its change or resolve the overlap, then call report_done again.',
      ].join('\n');
    case 'failed': {
      const check = gate.check;
      const merged = gate.mergedThreadIds.map((id) => `"${titleOf(id)}"`).join(', ') || 'no worker';
      return [
        `Not done: the project's check \`${check?.command ?? ''}\` ${check?.status === 'timed_out' ? 'timed out' : `failed (exit code ${check?.exitCode ?? 'none'})`} on the combined work of ${merged}.`,
        'The end of its output:',
        tail(check?.output ?? '', CHECK_TAIL_CHARS),
        'Ask the worker responsible to fix it (message_worker), wait for it, then call report_done again.',
      ].join('\n');
    }
    case 'not_run':
      return 'Not done: this project has no check command configured, so the gate cannot pass. Tell the user to set a check command in the project settings, or to waive the gate.';
    case 'running':
      return 'Not done: the gate is still running; call report_done again in a moment.';
    case 'passed':
    case 'waived':
      return '';
  }
}
