import type {
  CliAgent,
  CliAgentDetection,
  CliAgentPromptDelivery,
  CliAgentStatus,
  CliAgentTemplateProblem,
} from '../../../src-shared/contract';
import { assertNever } from '../../lib/assert-never';
import type { StatusTone } from '../threads/thread-status';

/** A CLI agent's status in words and a tone for its dot: "Working", "Waiting for input", "Exited 1". */
export function describeCliAgentStatus(
  status: CliAgentStatus,
  exitCode: number | null = null,
): { label: string; tone: StatusTone } {
  switch (status) {
    case 'working':
      return { label: 'Working', tone: 'busy' };
    case 'waiting_for_input':
      return { label: 'Waiting for input', tone: 'attention' };
    case 'idle':
      return { label: 'Idle', tone: 'ok' };
    case 'exited':
      return { label: exitCode === null ? 'Exited' : `Exited ${exitCode}`, tone: exitCode ? 'bad' : 'muted' };
    default:
      return assertNever(status);
  }
}

/** Which status a person should see first when a thread runs several agents: waiting beats working. */
const URGENCY: Record<CliAgentStatus, number> = { waiting_for_input: 0, working: 1, idle: 2, exited: 3 };

/**
 * The agents a thread row shows: the running ones (exited agents stay on their terminal tab only),
 * most urgent first, then oldest first.
 */
export function runningAgentsByUrgency(agents: readonly CliAgent[]): CliAgent[] {
  return agents
    .filter((agent) => agent.status !== 'exited')
    .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.startedAt - b.startedAt);
}

/**
 * Whether a status change deserves a desktop notification: only the step into waiting_for_input
 * (not a repeat of it), and not while the person is already looking at that agent's terminal.
 */
export function shouldNotifyWaiting(
  previous: CliAgentStatus | undefined,
  next: CliAgentStatus,
  watching: boolean,
): boolean {
  return next === 'waiting_for_input' && previous !== 'waiting_for_input' && !watching;
}

/** "Found 1.2.3 at /usr/bin/claude", or why it was not found. */
export function describeDetection(detection: CliAgentDetection): string {
  if (!detection.found) return detection.error ?? 'Not found on your login shell PATH.';
  const version = detection.version ?? 'version unknown';
  return `Found: ${version}${detection.path ? ` at ${detection.path}` : ''}`;
}

export const DELIVERY_LABELS: Record<CliAgentPromptDelivery, string> = {
  argument: 'As an argument ({prompt})',
  stdin: 'Typed into the terminal',
  file: 'In a file ({promptFile})',
};

/** The problems the host found for one field of a template form (one argument when `argIndex` is given). */
export function problemsFor(
  problems: readonly CliAgentTemplateProblem[],
  field: CliAgentTemplateProblem['field'],
  argIndex: number | null = null,
): string[] {
  return problems
    .filter((p) => p.field === field && (field !== 'args' || p.argIndex === argIndex))
    .map((p) => p.message);
}

/** Problems about the argument list as a whole (no index), e.g. "add {prompt}". */
export function listProblems(problems: readonly CliAgentTemplateProblem[]): string[] {
  return problems.filter((p) => p.field === 'args' && p.argIndex === null).map((p) => p.message);
}
