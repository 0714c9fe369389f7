import { tool } from '@openai/agents';
import { z } from 'zod';
import { decidePatch } from '../../approvals';
import { applyPatch, formatPatchSummary } from './apply-patch';
import type { ToolEnvironment } from './tool-environment';
import { errorText } from './truncate-output';

const PATCH_GRAMMAR = [
  'Edits files with a patch in this grammar (paths relative to the worktree root):',
  '*** Begin Patch',
  '*** Add File: path  (then every line prefixed with +)',
  '*** Delete File: path',
  '*** Update File: path  (optionally followed by *** Move to: new/path)',
  '@@ optional anchor line (a class or function the hunk is in)',
  ' context line',
  '-removed line',
  '+added line',
  '*** End Patch',
  'Give about three lines of context around each change. The patch applies completely or not at all.',
].join('\n');

const parameters = z.object({
  patch: z.string().min(1).describe('The whole patch, from *** Begin Patch to *** End Patch.'),
  justification: z.string().max(2_000).optional().describe('Why; shown to the user when approval is needed.'),
});

export function createApplyPatchTool(env: ToolEnvironment) {
  return tool({
    name: 'apply_patch',
    description: PATCH_GRAMMAR,
    parameters,
    needsApproval: async (_context, _input, callId) => {
      const verdict = decidePatch(env.safety(), env.patchesAllowed());
      if (callId) env.verdicts.set(callId, verdict);
      return verdict.action === 'ask';
    },
    execute: async (input, _context, details) => {
      const callId = details?.toolCall?.callId ?? `patch-${Date.now()}`;
      const item = env.items.forCall(
        callId,
        'apply_patch',
        details?.toolCall?.arguments ?? JSON.stringify(input),
      );
      const verdict = decidePatch(env.safety(), env.patchesAllowed());
      if (verdict.action === 'refuse') {
        env.items.complete(item, { error: verdict.reason }, 'declined');
        return `The patch was not applied: ${verdict.reason}`;
      }
      try {
        await env.beforeSnapshot;
        const summary = await applyPatch(env.worktree, input.patch);
        const changes = summary.changes.map((change) => ({
          kind: change.kind,
          path: change.path,
          movePath: change.movePath ?? null,
          diff: change.diff,
        }));
        env.items.complete(item, { changes }, 'completed');
        return formatPatchSummary(summary);
      } catch (error) {
        const message = errorText(error);
        env.items.complete(item, { error: message }, 'failed');
        return `The patch was not applied; no file was changed.\n${message}`;
      }
    },
  });
}
