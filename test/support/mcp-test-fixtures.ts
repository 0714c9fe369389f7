import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { McpServerConfig } from '../../src-shared/contract';
import { REPO_ROOT } from './skein-cli-process';

/** The tools of test/support/mcp-test-server.ts and what the lookup answers. */
export const MCP_TEST_TOOL = 'lookup_ticket';
export const MCP_CRASH_TOOL = 'crash';
export const MCP_ENV_TOOL = 'env_names';
export const ticketAnswer = (id: string): string => `Ticket ${id}: the login page times out after 30 s.`;

/** Marks the test servers a test started, so it can find their processes (`mcpTestProcesses`). */
const MARKER_FLAG = '--skein-mcp-test-marker=';

/**
 * The test server as a user would configure it: a stdio command (Node running it from source).
 * `marker` goes into its argv; `env` is added to its environment.
 */
export function mcpTestServerConfig(
  name: string,
  callsFile: string,
  options: { marker?: string; env?: Record<string, string> } = {},
): McpServerConfig {
  const args = ['--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'mcp-test-server.ts')];
  if (options.marker) args.push(`${MARKER_FLAG}${options.marker}`);
  return {
    name,
    transport: 'stdio',
    command: process.execPath,
    args,
    env: { MCP_TEST_CALLS: callsFile, ...options.env },
    cwd: REPO_ROOT,
  };
}

/** Pids of the live processes whose argv carries `marker` (found in /proc). */
export function mcpTestProcesses(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      // A zombie has exited; only its parent's bookkeeping is left.
      if (argv.includes(`${MARKER_FLAG}${marker}`) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** Whether a process of that pid is alive (not a zombie). */
export function processAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z';
  } catch {
    return false;
  }
}
