import type { Tool } from '@openai/agents';
import { createApplyPatchTool } from './apply-patch-tool';
import {
  createListFilesTool,
  createReadFileTool,
  createSearchTool,
  createUpdatePlanTool,
} from './read-tools';
import { createShellTool } from './shell-tool';
import { createThreadOverlapsTool } from './thread-overlaps-tool';
import type { ToolEnvironment } from './tool-environment';

/** Every built-in tool of a thread's agent. Names are stable: a paused run state refers to them. */
export function buildTools(env: ToolEnvironment): Tool<unknown>[] {
  const tools = [
    createShellTool(env),
    createApplyPatchTool(env),
    createReadFileTool(env),
    createListFilesTool(env),
    createSearchTool(env),
    createUpdatePlanTool(env),
  ] as Tool<unknown>[];
  if (env.threadOverlaps) tools.push(createThreadOverlapsTool(env, env.threadOverlaps) as Tool<unknown>);
  return tools;
}
