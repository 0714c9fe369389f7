import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { tool } from '@openai/agents';
import { z } from 'zod';
import { isInside, resolveInWorktree } from './confine-path';
import { resolveExistingInWorktree } from './confine-existing';
import type { ToolEnvironment } from './tool-environment';
import { errorText, truncateMiddle } from './truncate-output';

/** Larger files are refused: reading them whole would flood the context; ranges or search fit better. */
const MAX_READ_BYTES = 4 * 1024 * 1024;
/** Lines returned when no range is given. */
const DEFAULT_LINE_COUNT = 2_000;
/** `list_files` entries before the list is cut (with a marker). */
const MAX_LIST_ENTRIES = 2_000;
/** `search` matching lines before the result is cut. */
const MAX_SEARCH_LINES = 500;

/** Runs a read tool, recording its call as a `tool_call` item whatever happens. */
async function recorded(
  env: ToolEnvironment,
  name: string,
  details: { toolCall?: { callId: string; arguments: string } } | undefined,
  input: unknown,
  work: () => Promise<string>,
): Promise<string> {
  const item = env.items.forCall(
    details?.toolCall?.callId ?? `${name}-${Date.now()}`,
    name,
    details?.toolCall?.arguments ?? JSON.stringify(input),
  );
  try {
    const output = await work();
    env.items.complete(item, { output }, 'completed');
    return output;
  } catch (error) {
    // A file system or git message may quote what it failed on.
    const output = `${name} failed: ${env.scrub.text(errorText(error))}`;
    env.items.complete(item, { output }, 'failed');
    return output;
  }
}

/** A worktree-relative path for git pathspecs (`.` for the root). */
async function relativeInWorktree(env: ToolEnvironment, path: string | undefined): Promise<string> {
  if (!path || path === '.') return '.';
  const real = await resolveInWorktree(env.worktree, path);
  const rel = relative(env.worktree, real).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/** A file of one of `readOnlyRoots` named by absolute path (a skill's), else the worktree's file. */
function readablePath(env: ToolEnvironment, requested: string): string {
  if (isAbsolute(requested)) {
    for (const root of env.readOnlyRoots ?? []) {
      try {
        const real = realpathSync.native(resolve(requested));
        if (isInside(realpathSync.native(root), real)) return real;
      } catch {
        // Not there: the worktree's answer below says so.
      }
    }
  }
  return resolveExistingInWorktree(env.worktree, requested);
}

export function createReadFileTool(env: ToolEnvironment) {
  return tool({
    name: 'read_file',
    description:
      "Reads a text file of the worktree (or, by absolute path, of an enabled skill's folder), optionally a range of lines (1-based, inclusive).",
    parameters: z.object({
      path: z.string().min(1).describe('Path relative to the worktree root.'),
      start_line: z.number().int().min(1).optional(),
      end_line: z.number().int().min(1).optional(),
    }),
    execute: (input, _context, details) =>
      recorded(env, 'read_file', details, input, async () => {
        // Synchronous on purpose: a few microseconds of local file system beat a dozen event-loop turns under load.
        const real = readablePath(env, input.path);
        const info = statSync(real);
        if (info.isDirectory())
          throw new Error(`${input.path} is a folder; use list_files to see what it holds.`);
        if (info.size > MAX_READ_BYTES) {
          throw new Error(
            `${input.path} is ${info.size} bytes; read a range of lines or use search instead.`,
          );
        }
        const lines = readFileSync(real, 'utf8').split('\n');
        if (lines.at(-1) === '') lines.pop();
        const start = input.start_line ?? 1;
        const end = Math.min(lines.length, input.end_line ?? start + DEFAULT_LINE_COUNT - 1);
        if (start > lines.length && lines.length > 0) {
          throw new Error(`${input.path} has ${lines.length} lines; start_line ${start} is past its end.`);
        }
        // Scrubbed before the cut: a value the cut split in two would leave its halves readable.
        const body = env.scrub.text(lines.slice(start - 1, end).join('\n'));
        const range = end < lines.length || start > 1 ? ` (lines ${start}-${end} of ${lines.length})` : '';
        return `${input.path}${range}:\n${truncateMiddle(body)}`;
      }),
  });
}

export function createListFilesTool(env: ToolEnvironment) {
  return tool({
    name: 'list_files',
    description:
      'Lists the files of the worktree (or of a folder in it), tracked and untracked, leaving out what .gitignore ignores.',
    parameters: z.object({ path: z.string().optional().describe('A folder relative to the worktree root.') }),
    execute: (input, _context, details) =>
      recorded(env, 'list_files', details, input, async () => {
        const pathspec = await relativeInWorktree(env, input.path);
        const { stdout } = await env.git.run(
          ['ls-files', '--cached', '--others', '--exclude-standard', '--deduplicate', '-z', '--', pathspec],
          { cwd: env.worktree, signal: details?.signal },
        );
        const files = env.scrub.text(stdout).split('\0').filter(Boolean);
        if (files.length === 0) return `No files under ${pathspec}.`;
        const shown = files.slice(0, MAX_LIST_ENTRIES).join('\n');
        const cut = files.length - MAX_LIST_ENTRIES;
        return cut > 0 ? `${shown}\n[… ${cut} more files; list a folder to see them …]` : shown;
      }),
  });
}

export function createSearchTool(env: ToolEnvironment) {
  return tool({
    name: 'search',
    description:
      'Searches file contents of the worktree with git grep (regular expression by default), including untracked files but not ignored ones. Returns path:line:text.',
    parameters: z.object({
      pattern: z.string().min(1),
      path: z.string().optional().describe('A file or folder relative to the worktree root.'),
      fixed_strings: z.boolean().optional().describe('Match the pattern literally.'),
      ignore_case: z.boolean().optional(),
    }),
    execute: (input, _context, details) =>
      recorded(env, 'search', details, input, async () => {
        const pathspec = await relativeInWorktree(env, input.path);
        const args = ['grep', '-n', '-I', '--untracked', '--no-color', '-E'];
        if (input.fixed_strings) args.push('-F');
        if (input.ignore_case) args.push('-i');
        args.push('-e', input.pattern, '--', pathspec);
        const result = await env.git.run(args, {
          cwd: env.worktree,
          allowedExitCodes: [1],
          signal: details?.signal,
        });
        if (result.exitCode === 1) return `No matches for ${input.pattern}.`;
        // Scrubbed before each line is cut to its limit, for the same reason as read_file's body.
        const lines = env.scrub.text(result.stdout).split('\n').filter(Boolean);
        const shown = lines
          .slice(0, MAX_SEARCH_LINES)
          .map((line) => truncateMiddle(line, 500))
          .join('\n');
        const cut = lines.length - MAX_SEARCH_LINES;
        return cut > 0 ? `${shown}\n[… ${cut} more matches; narrow the pattern or the path …]` : shown;
      }),
  });
}

export function createUpdatePlanTool(env: ToolEnvironment) {
  return tool({
    name: 'update_plan',
    description:
      'Shows the user your plan as a checklist. Send the whole list each time, with one step in_progress at most.',
    parameters: z.object({
      explanation: z.string().max(4_000).optional(),
      plan: z
        .array(
          z.object({
            step: z.string().min(1).max(500),
            status: z.enum(['pending', 'in_progress', 'completed']),
          }),
        )
        .max(50),
    }),
    execute: async (input, _context, details) => {
      const callId = details?.toolCall?.callId ?? `plan-${Date.now()}`;
      const item = env.items.forCall(
        callId,
        'update_plan',
        details?.toolCall?.arguments ?? JSON.stringify(input),
      );
      env.items.complete(item, { explanation: input.explanation ?? null, steps: input.plan }, 'completed');
      return 'Plan updated.';
    },
  });
}
