import { linkToHost, type HostLink } from './host-link';

/** How `skein mcp` reaches a host: the one already running on the data folder, or its own. */
export type McpHostLink = HostLink;

export function linkMcpToHost(dataDir: string): Promise<McpHostLink> {
  return linkToHost(dataDir, 'skein mcp');
}
