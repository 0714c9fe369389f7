import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ThreadOverlaps } from '../../../../src-shared/contract';
import type { ToolEnvironment } from './tool-environment';
import { errorText } from './truncate-output';

/** Paths listed per thread in the answer before "and N more" (keeps the tool result small). */
const PATHS_SHOWN = 20;

function pathList(paths: string[]): string {
  const shown = paths.slice(0, PATHS_SHOWN).join(', ');
  const more = paths.length - PATHS_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** The answer for a model: a few plain lines, conflicts first. */
export function formatThreadOverlaps(overlaps: ThreadOverlaps): string {
  const count = overlaps.touched.length;
  const lines = [
    `You changed ${count} file(s) against the base${count > 0 ? `: ${pathList(overlaps.touched)}` : ''}.`,
  ];
  if (overlaps.others.length === 0) lines.push('No other live thread touches those files.');
  const sorted = [...overlaps.others].sort((x, y) => y.conflicts.length - x.conflicts.length);
  for (const other of sorted) {
    const name = `"${other.title}" (branch ${other.branch})`;
    if (other.conflicts.length > 0) {
      lines.push(
        `CONFLICT with ${name} in ${pathList(other.conflicts)}: both change the same lines; coordinate or keep out of them.`,
      );
    } else {
      lines.push(`Overlap with ${name}: both change ${pathList(other.files)} (merges cleanly so far).`);
    }
  }
  return lines.join('\n');
}

/**
 * `thread_overlaps`: which other live threads touch the files this thread changed, and where they
 * conflict, from the conflict radar after a fresh snapshot of this worktree. Read-only.
 */
export function createThreadOverlapsTool(env: ToolEnvironment, overlaps: () => Promise<ThreadOverlaps>) {
  return tool({
    name: 'thread_overlaps',
    description:
      'Tells which other threads (agents working in parallel on other branches of this repository) change the same files as you, and which of those changes would conflict with yours. Use it before larger edits to shared files.',
    parameters: z.object({}),
    execute: async (input, _context, details) => {
      const item = env.items.forCall(
        details?.toolCall?.callId ?? `thread_overlaps-${Date.now()}`,
        'thread_overlaps',
        details?.toolCall?.arguments ?? JSON.stringify(input),
      );
      try {
        const output = formatThreadOverlaps(await overlaps());
        env.items.complete(item, { output }, 'completed');
        return output;
      } catch (error) {
        const output = `thread_overlaps failed: ${errorText(error)}`;
        env.items.complete(item, { output }, 'failed');
        return output;
      }
    },
  });
}
