import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { SkeinError, type McpImportSource } from '../../../../src-shared/contract';
import type { ProjectService } from '../../projects';
import type { ParsedCandidate } from './mcp-import-common';
import { parseCodexConfig } from './mcp-import-codex';
import { parseMcpJson } from './mcp-import-json';

/** Configuration files are a few kilobytes; anything this big is not one (and is not read whole). */
const MAX_IMPORT_FILE_BYTES = 1024 * 1024;

export interface ImportPlaces {
  /** HOME of the agents' environment (for `~/` in a named file). */
  home: string;
  /** `$CODEX_HOME`, default `~/.codex`. */
  codexHome: string;
  /** Where `${VAR}` and Codex's environment-sourced values are read. */
  env: NodeJS.ProcessEnv;
}

function sourceFile(
  source: McpImportSource,
  places: ImportPlaces,
  projects: Pick<ProjectService, 'get'>,
): { path: string; format: 'codex' | 'json'; what: string } {
  switch (source.kind) {
    case 'codex':
      return { path: join(places.codexHome, 'config.toml'), format: 'codex', what: 'Codex configuration' };
    case 'project':
      return {
        path: join(projects.get(source.projectId).path, '.mcp.json'),
        format: 'json',
        what: '.mcp.json',
      };
    case 'file': {
      const path = source.path.startsWith('~/') ? join(places.home, source.path.slice(2)) : source.path;
      if (!isAbsolute(path))
        throw new SkeinError('INVALID_PARAMS', `Give the file's full path (not "${source.path}").`);
      return { path, format: path.endsWith('.toml') ? 'codex' : 'json', what: 'file' };
    }
  }
}

/** The candidates an import source holds, and the file they came from. */
export async function readImportSource(
  source: McpImportSource,
  places: ImportPlaces,
  projects: Pick<ProjectService, 'get'>,
): Promise<{ path: string; candidates: ParsedCandidate[] }> {
  const { path, format, what } = sourceFile(source, places, projects);
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SkeinError('INVALID_PARAMS', `${path} is not a file.`, { path });
    if (info.size > MAX_IMPORT_FILE_BYTES)
      throw new SkeinError('INVALID_PARAMS', `${path} is too large to be an MCP configuration.`, { path });
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SkeinError('PATH_NOT_FOUND', `There is no ${what} at ${path}.`, { path });
    throw error;
  }
  const candidates =
    format === 'codex' ? parseCodexConfig(text, path, places.env) : parseMcpJson(text, path, places.env);
  return { path, candidates };
}
