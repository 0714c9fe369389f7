import type { CliAgent } from '../../../src-shared/contract';
import { requireClient } from '../../lib/session';
import { reportError } from '../notices/notices-slice';
import { describeCliAgentStatus, runningAgentsByUrgency } from './cli-agent-labels';
import { agentOfTerminal, agentsOfThread, useCliAgents } from './cli-agents-slice';
import './cli-agents.css';

/** A dot plus the status in words, like the thread status badge. */
export function CliAgentStatusBadge({ agent, prefix }: { agent: CliAgent; prefix?: string }) {
  const { label, tone } = describeCliAgentStatus(agent.status, agent.exitCode);
  return (
    <span className={`status status-${tone} cli-agent-status`}>
      <span className="status-dot" aria-hidden="true" />
      {prefix ? `${prefix}: ${label}` : label}
    </span>
  );
}

/** The status on a CLI agent's terminal tab (inside the tab's button, so it is part of the tab's name). */
export function TerminalTabAgentStatus({ agent }: { agent: CliAgent }) {
  const { label, tone } = describeCliAgentStatus(agent.status, agent.exitCode);
  return (
    <span className={`status status-${tone} tab-agent-status`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="sr-only">, </span>
      {label}
    </span>
  );
}

/** The running agents of a thread on its sidebar row: the most urgent one, and how many more. */
export function ThreadRowAgents({ id, threadId }: { id: string; threadId: string }) {
  const byId = useCliAgents((s) => s.byId);
  const running = runningAgentsByUrgency(agentsOfThread(byId, threadId));
  const first = running[0];
  if (!first) return null;
  return (
    <span id={id} className="thread-cli-agents">
      <CliAgentStatusBadge agent={first} prefix={first.name} />
      {running.length > 1 && <span className="cli-agent-more"> +{running.length - 1}</span>}
    </span>
  );
}

async function stopAgent(agentId: string): Promise<void> {
  try {
    await requireClient().api.cliAgents.stop({ agentId });
  } catch (error) {
    reportError(error);
  }
}

/** Above an agent's terminal: which agent, its status, and Stop while it runs. */
export function CliAgentTerminalBar({ terminalId }: { terminalId: string }) {
  const agent = useCliAgents((s) => agentOfTerminal(s.byId, terminalId));
  if (!agent) return null;
  return (
    <div className="cli-agent-bar" role="group" aria-label={`CLI agent ${agent.name}`}>
      <span className="cli-agent-bar-name">{agent.name}</span>
      <span role="status" aria-label={`Status of ${agent.name}`}>
        <CliAgentStatusBadge agent={agent} />
      </span>
      <span className="cli-agent-bar-path mono" title={agent.executable}>
        {agent.executable}
      </span>
      {agent.status !== 'exited' && (
        <button
          type="button"
          className="button small"
          aria-label={`Stop ${agent.name}`}
          onClick={() => void stopAgent(agent.id)}
        >
          Stop
        </button>
      )}
    </div>
  );
}
