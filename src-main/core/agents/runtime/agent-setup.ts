import { realpath } from 'node:fs/promises';
import { Agent, type AgentOutputType, type MCPServer, type Model, type Tool } from '@openai/agents';
import {
  SkeinError,
  type EffectiveAgentSettings,
  type Thread,
  type ThreadOverlaps,
} from '../../../../src-shared/contract';
import type { CommandRules, SafetyContext, Verdict } from '../../approvals';
import type { GitQueue } from '../../git';
import type { AgentSkill, AgentSkillSource } from '../../skills';
import { detectSandbox } from '../../sandbox';
import { collectAgentsFiles } from '../context/agents-md';
import { CompactingModel } from '../context/compacting-model';
import { buildInstructions } from '../context/instructions';
import { buildMcpTools } from '../mcp/mcp-tools';
import type { McpConnectFailure, McpEnabledFilter, McpManager } from '../mcp/types';
import { createModel } from '../providers/create-model';
import type { OutputScrubber } from '../scrub/output-scrubber';
import type { KeyStore } from '../settings/key-store';
import { buildTools } from '../tools/build-tools';
import type { ToolEnvironment, ToolItemSink } from '../tools/tool-environment';
import type { ModelCallHooks } from './model-hooks';
import { ObservedModel } from './observed-model';

/** The agent's name in the SDK's run state; a paused run is resumed against an agent of this name. */
export const AGENT_NAME = 'skein';

export interface SetupDeps {
  git: GitQueue;
  keys: KeyStore;
  env: NodeJS.ProcessEnv;
  /** Replaces the host's secret values in what tools return to the model. */
  scrubber: OutputScrubber;
  dataDir: string;
  /** MCP servers connected by their owner (AgentServiceDeps); named by their `name`. */
  mcpServers: MCPServer[];
  /** The user's configured MCP servers: the turn acquires them here; the runtime releases them when it ends. */
  mcp: McpManager;
  /** Which configured servers the thread gets (all without it). */
  mcpEnabled?: McpEnabledFilter;
  /** The thread's enabled skills (none without it). */
  skills?: AgentSkillSource;
  /** Policy and sandbox as the layers say now (read at every tool call). */
  safety(thread: Thread): Omit<SafetyContext, 'sandboxAvailable'> & { networkAccess: boolean };
  commandRules(threadId: string): CommandRules;
  patchesAllowed(threadId: string): boolean;
  toolAllowed(threadId: string, key: string): boolean;
  /** The conflict radar (AgentServiceDeps.threadOverlaps), for the `thread_overlaps` tool. */
  threadOverlaps?: (threadId: string) => Promise<ThreadOverlaps>;
  /** Observers of every model call (AgentServiceDeps.modelHooks). */
  modelHooks: ModelCallHooks[];
  /** Per-thread extra tools (AgentServiceDeps.extraTools): a manager's worker tools, a worker's hand_back. */
  extraTools?: (thread: Thread, env: ToolEnvironment) => Tool<unknown>[];
}

/** The SDK's generics spelled once: no typed context, any output type the SDK allows. */
export type SkeinAgent = Agent<unknown, AgentOutputType>;

export interface TurnSetup {
  agent: SkeinAgent;
  /** The provider's model (summaries are asked of it directly). */
  model: Model;
  /** What the agent calls: the model with compaction in front. */
  compacting: CompactingModel;
  tools: ToolEnvironment;
  sandboxAvailable: boolean;
  /** Function name → `mcp:<server>:<tool>` of the turn's MCP tools. */
  mcpKeys: ReadonlyMap<string, string>;
  /** Configured MCP servers that could not be reached (their tools are missing from this turn). */
  mcpFailures: McpConnectFailure[];
  /** The thread's enabled skills as the instructions list them (a `$name` mention picks from these). */
  skills: AgentSkill[];
}

/** The host's environment for commands, without the provider keys the host itself uses. */
function commandEnvironment(env: NodeJS.ProcessEnv, secrets: readonly string[]): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name === 'OPENAI_API_KEY' || name === 'ANTHROPIC_API_KEY') continue;
    if (secrets.includes(value)) continue;
    clean[name] = value;
  }
  return clean;
}

async function realWorktree(thread: Thread): Promise<string> {
  try {
    return await realpath(thread.worktreePath);
  } catch {
    throw new SkeinError(
      'PATH_NOT_FOUND',
      `The worktree of "${thread.title}" (${thread.worktreePath}) is missing; unarchive or repair the thread first.`,
      { threadId: thread.id },
    );
  }
}

/** Everything one turn of a thread's agent needs: the model, the tools bound to the worktree, the instructions. */
export async function buildTurnSetup(
  deps: SetupDeps,
  thread: Thread,
  settings: EffectiveAgentSettings,
  items: ToolItemSink & { readonly turn: { readonly id: string } },
): Promise<TurnSetup> {
  const model = await createModel(settings, deps.keys, deps.env);
  const compacting = new CompactingModel(
    new ObservedModel(
      model,
      { threadId: thread.id, turnId: items.turn.id, provider: settings.provider, model: settings.model },
      deps.modelHooks,
      Date.now,
      (text) => deps.scrubber.text(text),
    ),
  );
  const worktree = await realWorktree(thread);
  const support = await detectSandbox();
  const sandboxAvailable = support.kind !== 'none';
  const overlapsOf = deps.threadOverlaps;
  const tools: ToolEnvironment = {
    threadId: thread.id,
    worktree,
    git: deps.git,
    hiddenPaths: [deps.dataDir],
    commandEnv: commandEnvironment(deps.env, await deps.keys.secrets()),
    scrub: deps.scrubber,
    safety: () => ({ ...deps.safety(thread), sandboxAvailable }),
    commandRules: () => deps.commandRules(thread.id),
    patchesAllowed: () => deps.patchesAllowed(thread.id),
    toolAllowed: (key) => deps.toolAllowed(thread.id, key),
    items,
    verdicts: new Map<string, Verdict>(),
    beforeSnapshot: Promise.resolve(),
    threadOverlaps: overlapsOf ? () => overlapsOf(thread.id) : undefined,
  };
  const skills = (await deps.skills?.forThread(thread.id)) ?? [];
  tools.readOnlyRoots = skills.map((skill) => skill.path);
  const instructions = buildInstructions(
    settings,
    worktree,
    await collectAgentsFiles(worktree),
    sandboxAvailable,
    skills,
  );
  const builtIn = [...buildTools(tools), ...(deps.extraTools?.(thread, tools) ?? [])];
  const wanted = deps.mcpEnabled ? deps.mcpEnabled(thread.id, settings.mcpServers) : settings.mcpServers;
  const configured = await deps.mcp.acquire(thread.id, wanted);
  let mcp: Awaited<ReturnType<typeof buildMcpTools>>;
  let agent: SkeinAgent;
  try {
    const owned = deps.mcpServers.map((server) => ({ name: server.name, server }));
    mcp = await buildMcpTools(
      [...owned, ...configured.servers],
      tools,
      builtIn.map((tool) => tool.name),
    );
    agent = new Agent<unknown, AgentOutputType>({
      name: AGENT_NAME,
      instructions,
      model: compacting,
      tools: [...builtIn, ...(mcp.tools as Tool<unknown>[])],
    });
  } catch (error) {
    // No session will release what this turn acquired.
    deps.mcp.release(thread.id);
    throw error;
  }
  return {
    agent,
    model,
    compacting,
    tools,
    sandboxAvailable,
    mcpKeys: mcp.keys,
    mcpFailures: [...configured.failures, ...mcp.failures],
    skills,
  };
}
