import type { AgentSandboxMode, ApprovalPolicy } from '../../../src-shared/contract';
import { parseCommand, startsWithWords } from './command-words';
import { isKnownSafeCommand } from './safe-commands';

/** What to do with a tool call: run it (in `mode`), ask the user first, or refuse and tell the model why. */
export type Verdict =
  | { action: 'run'; mode: AgentSandboxMode }
  | { action: 'ask'; mode: AgentSandboxMode; reason: string }
  | { action: 'refuse'; reason: string };

export interface SafetyContext {
  approvalPolicy: ApprovalPolicy;
  sandboxMode: AgentSandboxMode;
  /** A sandbox (bwrap, seatbelt) works on this machine. */
  sandboxAvailable: boolean;
}

export interface CommandRules {
  /** Stored "always allow" prefixes (every thread) and this thread's "allow this prefix" answers. */
  prefixes: readonly (readonly string[])[];
  /** Commands approved "for this thread", exactly as written. */
  exactCommands: ReadonlySet<string>;
}

/** Every simple command in the line is covered by an allow rule or is a known-safe read. */
export function matchesRules(command: string, rules: CommandRules): boolean {
  if (rules.exactCommands.has(command.trim())) return true;
  const parsed = parseCommand(command);
  if (parsed.opaque || parsed.segments.length === 0 || rules.prefixes.length === 0) return false;
  return parsed.segments.every(
    (words) =>
      rules.prefixes.some((prefix) => startsWithWords(words, prefix)) || isKnownSafeCommand(words.join(' ')),
  );
}

/**
 * The policy for `shell`. `escalate` is the model asking to run outside the sandbox (Codex's
 * `with_escalated_permissions`). Without a working sandbox every command needs a person's yes.
 */
export function decideCommand(
  command: string,
  escalate: boolean,
  context: SafetyContext,
  rules: CommandRules,
): Verdict {
  const { approvalPolicy: policy, sandboxMode } = context;
  const unconfined = sandboxMode === 'danger-full-access' || escalate || !context.sandboxAvailable;
  const runMode: AgentSandboxMode = unconfined ? 'danger-full-access' : sandboxMode;
  if (matchesRules(command, rules)) return { action: 'run', mode: runMode };

  if (sandboxMode === 'danger-full-access') {
    if (policy === 'untrusted' && !isKnownSafeCommand(command)) {
      return {
        action: 'ask',
        mode: runMode,
        reason: 'The untrusted policy asks before any command that is not a known read.',
      };
    }
    return { action: 'run', mode: runMode };
  }
  if (!context.sandboxAvailable) {
    if (policy === 'never') {
      return {
        action: 'refuse',
        reason:
          'No sandbox works on this machine and the approval policy is "never", so commands cannot run. Use read_file, list_files and search instead.',
      };
    }
    return {
      action: 'ask',
      mode: runMode,
      reason: 'No sandbox works on this machine, so the command would run unconfined.',
    };
  }
  if (escalate) {
    if (policy === 'never') {
      return {
        action: 'refuse',
        reason:
          'The approval policy is "never", so commands cannot leave the sandbox. Run it without escalation, or do without it.',
      };
    }
    return { action: 'ask', mode: runMode, reason: 'The agent asks to run this outside the sandbox.' };
  }
  if (policy === 'untrusted' && !isKnownSafeCommand(command)) {
    return {
      action: 'ask',
      mode: runMode,
      reason: 'The untrusted policy asks before any command that is not a known read.',
    };
  }
  return { action: 'run', mode: runMode };
}

/**
 * The policy for a tool of an MCP server. It runs in the server's process, outside Skein's sandbox
 * and out of its sight, so `untrusted` and `on-request` ask unless a rule allows that tool.
 */
export function decideMcpTool(policy: ApprovalPolicy, allowedByRule: boolean): Verdict {
  const mode: AgentSandboxMode = 'danger-full-access';
  if (allowedByRule || policy === 'never') return { action: 'run', mode };
  return {
    action: 'ask',
    mode,
    reason: `The ${policy} policy asks before a tool of an MCP server runs (it runs outside the sandbox).`,
  };
}

/** The policy for `apply_patch` (writes inside the worktree only; paths are confined separately). */
export function decidePatch(context: SafetyContext, allowedForThread: boolean): Verdict {
  const mode: AgentSandboxMode = context.sandboxMode;
  if (allowedForThread) return { action: 'run', mode };
  if (context.sandboxMode === 'read-only') {
    if (context.approvalPolicy === 'never') {
      return {
        action: 'refuse',
        reason: 'The sandbox is read-only and the approval policy is "never", so files cannot be changed.',
      };
    }
    return { action: 'ask', mode, reason: 'The sandbox is read-only; changing files needs approval.' };
  }
  if (context.approvalPolicy === 'untrusted') {
    return { action: 'ask', mode, reason: 'The untrusted policy asks before every file change.' };
  }
  return { action: 'run', mode };
}
