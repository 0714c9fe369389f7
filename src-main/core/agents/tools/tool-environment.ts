import type { Item, ThreadOverlaps } from '../../../../src-shared/contract';
import type { CommandRules, SafetyContext, Verdict } from '../../approvals';
import type { GitQueue } from '../../git';
import type { OutputScrubber } from '../scrub/output-scrubber';

/** The transcript side of a tool call: the item that stands for it, updated as the tool works. */
export interface ToolItemSink {
  /** The item for this call, made now if the stream has not announced the call yet. */
  forCall(callId: string, toolName: string, argumentsJson: string): Item;
  update(item: Item, patch: Partial<Item>): void;
  /** Live output of a running command. */
  output(item: Item, text: string): void;
  complete(item: Item, patch: Partial<Item>, status: Item['status']): void;
}

/** What the tools of one thread's turn work with. */
export interface ToolEnvironment {
  threadId: string;
  /** The worktree's real path: every tool path is confined to it. */
  worktree: string;
  git: GitQueue;
  /** Paths commands must never read (Skein's data folder: the database and the key file). */
  hiddenPaths: string[];
  /** The environment commands run with: the host's, minus provider keys. */
  commandEnv: NodeJS.ProcessEnv;
  /**
   * Replaces the host's secret values in what a tool returns: a command may still print one it found
   * (a config file, a script), and the model, the transcript and traces must not get it.
   */
  scrub: Pick<OutputScrubber, 'text' | 'stream'>;
  /** Read at every call, so a settings change applies to the next tool call. */
  safety(): SafetyContext & { networkAccess: boolean };
  commandRules(): CommandRules;
  patchesAllowed(): boolean;
  /** A rule allows calls of the MCP tool `key` (`mcp:<server>:<tool>`) in this thread. */
  toolAllowed(key: string): boolean;
  items: ToolItemSink;
  /** The policy's verdict per tool call id, kept for the approval request it may lead to. */
  verdicts: Map<string, Verdict>;
  /**
   * Settles once the turn's "before" snapshot is taken. Tools that may change files wait for it, so
   * the snapshot shows the worktree as the turn found it while the first model call streams meanwhile.
   */
  beforeSnapshot: Promise<unknown>;
  /** Folders outside the worktree `read_file` may read by absolute path: the thread's enabled skills. */
  readOnlyRoots?: string[];
  /** The conflict radar's answer for this thread (the `thread_overlaps` tool); absent when no radar runs. */
  threadOverlaps?: () => Promise<ThreadOverlaps>;
}
