import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const AGENTS_FILE = 'AGENTS.md';
/** Per file; Codex caps project docs at 32 KiB for the same reason: instructions must not eat the window. */
const MAX_AGENTS_MD_BYTES = 32 * 1024;

export interface AgentsFile {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  text: string;
}

/**
 * AGENTS.md files from the repository root down to the working folder, outermost first, so the
 * most specific instructions come last and win where they disagree.
 */
export async function collectAgentsFiles(root: string, cwd: string = root): Promise<AgentsFile[]> {
  const rel = relative(root, cwd);
  const parts = rel === '' || rel.startsWith('..') ? [] : rel.split(sep);
  const folders = [root, ...parts.map((_, i) => join(root, ...parts.slice(0, i + 1)))];
  const files: AgentsFile[] = [];
  for (const folder of folders) {
    let text: string;
    try {
      text = await readFile(join(folder, AGENTS_FILE), 'utf8');
    } catch {
      continue;
    }
    if (Buffer.byteLength(text) > MAX_AGENTS_MD_BYTES) {
      text = `${Buffer.from(text).subarray(0, MAX_AGENTS_MD_BYTES).toString('utf8')}\n[… truncated at ${MAX_AGENTS_MD_BYTES} bytes …]`;
    }
    const path = relative(root, join(folder, AGENTS_FILE)).split(sep).join('/');
    files.push({ path, text: text.trim() });
  }
  return files;
}
