import { describe, expect, it } from 'vitest';
import {
  ABORT_MESSAGE,
  DECLINE_MESSAGE,
  approvalRequest,
  permissionResult,
  permissionSettings,
  type ClaudePermissionAsk,
} from '../../src-main/core/agents/backends/claude/claude-approvals';

/** The Bash ask recorded from Claude Code 2.1.330 (approve-command.jsonl's canUseTool call). */
const BASH_ASK: ClaudePermissionAsk = {
  toolName: 'Bash',
  input: { command: 'printf two > a.txt && echo wrote', description: 'write' },
  toolUseID: 'toolu_edit',
  suggestions: [
    {
      type: 'addRules',
      rules: [{ toolName: 'Bash', ruleContent: 'printf two *' }],
      behavior: 'allow',
      destination: 'localSettings',
    },
    { type: 'addDirectories', directories: ['/work/tree'], destination: 'session' },
  ],
  blockedPath: '/work/tree/a.txt',
  description: 'write',
};

describe('Claude Code permission asks and our answers', () => {
  it('shapes a Bash ask like our inbox wants it', () => {
    expect(approvalRequest(BASH_ASK, 'turn-1', undefined, '/work/tree')).toEqual({
      backendTurnId: 'turn-1',
      backendItemId: 'toolu_edit',
      kind: 'command',
      tool: 'Bash',
      command: 'printf two > a.txt && echo wrote',
      patch: null,
      arguments: JSON.stringify(BASH_ASK.input),
      cwd: '/work/tree',
      reason: 'write',
      policyReason: 'It touches /work/tree/a.txt.',
      suggestedPrefix: ['printf', 'two'],
    });
    const mcp = approvalRequest(
      { toolName: 'mcp__gh__issue', input: {}, toolUseID: 't' },
      'turn-1',
      undefined,
      '/w',
    );
    expect(mcp).toMatchObject({ kind: 'tool', tool: 'mcp:gh:issue', suggestedPrefix: ['mcp:gh:issue'] });
  });

  it('maps each decision to allow or deny, keeping rules in the session only', () => {
    expect(permissionResult('approve_once', BASH_ASK)).toEqual({
      behavior: 'allow',
      updatedInput: BASH_ASK.input,
      decisionClassification: 'user_temporary',
    });
    expect(permissionResult('approve_for_thread', BASH_ASK)).toMatchObject({
      behavior: 'allow',
      updatedPermissions: [
        {
          type: 'addRules',
          rules: [{ toolName: 'Bash', ruleContent: 'printf two > a.txt && echo wrote' }],
          destination: 'session',
        },
      ],
    });
    const prefix = permissionResult('always_allow_prefix', BASH_ASK);
    expect(
      prefix.behavior === 'allow' && prefix.updatedPermissions?.map((update) => update.destination),
    ).toEqual(['session', 'session']);
    expect(permissionResult('decline', BASH_ASK)).toMatchObject({
      behavior: 'deny',
      message: DECLINE_MESSAGE,
    });
    expect(permissionResult('abort_turn', BASH_ASK)).toMatchObject({
      behavior: 'deny',
      message: ABORT_MESSAGE,
      interrupt: true,
    });
  });

  it('turns our policy and sandbox into a permission mode', () => {
    expect(permissionSettings('untrusted', 'workspace-write')).toEqual({
      permissionMode: 'default',
      permissionPrompts: 'host',
      allowDangerouslySkipPermissions: false,
    });
    expect(permissionSettings('on-request', 'workspace-write').permissionMode).toBe('acceptEdits');
    expect(permissionSettings('never', 'workspace-write')).toMatchObject({
      permissionMode: 'acceptEdits',
      permissionPrompts: 'none',
    });
    expect(permissionSettings('never', 'danger-full-access')).toEqual({
      permissionMode: 'bypassPermissions',
      permissionPrompts: 'none',
      allowDangerouslySkipPermissions: true,
    });
    expect(permissionSettings('on-request', 'read-only').permissionMode).toBe('default');
  });
});
