import type { McpServerEntry, McpServerStatus } from '../../../src-shared/contract';

const STATUS_TEXT: Record<McpServerStatus, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  crashed: 'Crashed',
  failed: 'Failed',
};

/** The app's status colour classes (theme.css): busy pulses, bad is red. */
const STATUS_TONE: Record<McpServerStatus, string> = {
  stopped: 'status-muted',
  starting: 'status-busy',
  running: 'status-ok',
  crashed: 'status-attention',
  failed: 'status-bad',
};

export function statusText(status: McpServerStatus): string {
  return STATUS_TEXT[status];
}

export function statusTone(status: McpServerStatus): string {
  return STATUS_TONE[status];
}

/** Restart makes sense only while there is a process (or its wreck) to stop. */
export function canRestart(status: McpServerStatus): boolean {
  return status === 'running' || status === 'crashed' || status === 'failed';
}

export function scopeText(scope: McpServerEntry['scope']): string {
  return scope === 'user' ? 'User' : 'Project';
}

export function toolCountText(tools: McpServerEntry['tools']): string {
  if (tools === null) return 'Tools not listed yet';
  return tools.length === 1 ? '1 tool' : `${tools.length} tools`;
}

/** A switch's three states: set on, set off, or following the wider scope. */
export type SwitchState = 'on' | 'off' | 'inherit';

/**
 * What one layer itself says, from a listing made at that layer: the entry's source is this layer
 * only when this layer holds a setting; otherwise it follows the wider one.
 */
export function switchStateAt(entry: McpServerEntry, layer: 'project' | 'thread'): SwitchState {
  if (entry.enabledSource !== layer) return 'inherit';
  return entry.enabled ? 'on' : 'off';
}

/** What `mcp/setEnabled` takes for a chosen state. */
export function enabledParam(state: SwitchState): boolean | null {
  return state === 'inherit' ? null : state === 'on';
}

/** The "follow" choice's words, with what it resolves to now so nobody has to guess. */
export function inheritText(layer: 'project' | 'thread', widerEnabled: boolean | undefined): string {
  const from = layer === 'project' ? 'Default' : 'Follow project';
  if (widerEnabled === undefined) return from;
  return `${from} (${widerEnabled ? 'on' : 'off'})`;
}

/**
 * The entries shown in a project's list: the project's own first, then the user's; an overridden
 * user server stays visible (marked) so the person sees why their user settings do not apply.
 */
export function sortEntries(entries: readonly McpServerEntry[]): McpServerEntry[] {
  return [...entries].sort((a, b) => {
    if (a.scope !== b.scope) return a.scope === 'project' ? -1 : 1;
    return a.config.name.localeCompare(b.config.name);
  });
}
