import { describe, expect, it } from 'vitest';
import type { ApprovalDecision } from '../../src-shared/contract';
import {
  commandApprovalRequest,
  commandDecision,
  fileChangeApprovalRequest,
  fileChangeDecision,
  permissionsApprovalRequest,
  permissionsDecision,
} from '../../src-main/core/agents/backends/codex/codex-approvals';
import { mapThreadItem } from '../../src-main/core/agents/backends/codex/codex-items';
import type {
  CommandExecutionRequestApprovalParams,
  FileChangeRequestApprovalParams,
  PermissionsRequestApprovalParams,
  ThreadItem,
} from '../../src-main/core/agents/backends/codex/codex-protocol';
import { readCodexFixture } from '../support/codex-backend-fixtures';

const TREE = '/work/tree';
const DECISIONS: ApprovalDecision[] = [
  'approve_once',
  'approve_for_thread',
  'always_allow_prefix',
  'decline',
  'abort_turn',
];

function recordedRequest<T>(fixture: string, method: string): T {
  const message = readCodexFixture(fixture).find((line) => line.method === method && line.id !== undefined);
  if (!message) throw new Error(`${fixture} has no ${method}`);
  return message.params as T;
}

describe('Codex approval requests (recorded from codex-cli 0.169.0) in our inbox', () => {
  it('shows a command request with the script the agent wrote and Codex’s proposed rule', () => {
    const params = recordedRequest<CommandExecutionRequestApprovalParams>(
      'decline-command',
      'item/commandExecution/requestApproval',
    );
    expect(commandApprovalRequest(params, TREE)).toMatchObject({
      backendItemId: 'call_cmd',
      kind: 'command',
      tool: 'exec_command',
      command: 'printf three > a.txt && echo wrote',
      cwd: TREE,
      suggestedPrefix: ['/bin/bash', '-lc', 'printf three > a.txt && echo wrote'],
    });
  });

  it('shows a file-change request with the patch of the item Codex announced before asking', () => {
    const fixture = readCodexFixture('approve-patch');
    const started = fixture.find(
      (line) =>
        line.method === 'item/started' && (line.params as { item: ThreadItem }).item.type === 'fileChange',
    );
    const item = mapThreadItem((started!.params as { item: ThreadItem }).item, TREE, true)!;
    const params = recordedRequest<FileChangeRequestApprovalParams>(
      'approve-patch',
      'item/fileChange/requestApproval',
    );
    const request = fileChangeApprovalRequest(params, item, TREE);
    expect(request).toMatchObject({ kind: 'patch', tool: 'apply_patch', backendItemId: 'call_patch' });
    expect(request.patch).toContain('--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n');
  });
});

describe('our decisions in Codex’s words', () => {
  it('maps every decision for commands, honouring what Codex offers', () => {
    const offered = recordedRequest<CommandExecutionRequestApprovalParams>(
      'decline-command',
      'item/commandExecution/requestApproval',
    );
    expect(DECISIONS.map((decision) => commandDecision(decision, offered))).toEqual([
      'accept',
      // 0.169.0 offers no session-wide answer under `untrusted`.
      'accept',
      {
        acceptWithExecpolicyAmendment: {
          execpolicy_amendment: ['/bin/bash', '-lc', 'printf three > a.txt && echo wrote'],
        },
      },
      'decline',
      'cancel',
    ]);
    const open = { ...offered, availableDecisions: null, proposedExecpolicyAmendment: null };
    expect(commandDecision('approve_for_thread', open)).toBe('acceptForSession');
    expect(commandDecision('always_allow_prefix', open)).toBe('accept');
  });

  it('maps every decision for file changes', () => {
    expect(DECISIONS.map(fileChangeDecision)).toEqual([
      'accept',
      'acceptForSession',
      'acceptForSession',
      'decline',
      'cancel',
    ]);
  });

  it('grants the requested permissions, or nothing to decline', () => {
    const params: PermissionsRequestApprovalParams = {
      threadId: 't',
      turnId: 'u',
      itemId: 'i',
      cwd: TREE,
      reason: 'needs the network',
      permissions: { network: { enabled: true }, fileSystem: null },
    };
    expect(permissionsApprovalRequest(params)).toMatchObject({
      kind: 'tool',
      tool: 'codex:permissions',
      reason: 'needs the network',
    });
    expect(permissionsDecision('approve_once', params)).toEqual({
      permissions: { network: { enabled: true } },
      scope: 'turn',
    });
    expect(permissionsDecision('approve_for_thread', params)).toEqual({
      permissions: { network: { enabled: true } },
      scope: 'session',
    });
    expect(permissionsDecision('decline', params)).toEqual({ permissions: {}, scope: 'turn' });
    expect(permissionsDecision('abort_turn', params)).toEqual({ permissions: {}, scope: 'turn' });
  });
});
