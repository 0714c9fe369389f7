import { SkeinError } from '../../../../../src-shared/contract/errors';
import type { ParsedPatch, PatchOperation, UpdateChunk } from './types';

/**
 * Parser for the Codex apply_patch grammar (codex-rs/apply-patch/src/parser.rs), lenient in the
 * same places: markers may carry surrounding whitespace, a `<<'EOF'` heredoc wrapper is stripped,
 * the first hunk of a file may omit its `@@`, and a blank line inside a hunk is an empty context
 * line. One extension: consecutive `@@ anchor` lines (class, then method) are all kept, as the
 * Codex tool instructions describe, where Codex's parser rejects the second one.
 */
const BEGIN_PATCH = '*** Begin Patch';
const END_PATCH = '*** End Patch';
const ADD_FILE = '*** Add File: ';
const DELETE_FILE = '*** Delete File: ';
const UPDATE_FILE = '*** Update File: ';
const MOVE_TO = '*** Move to: ';
const END_OF_FILE = '*** End of File';
const HEREDOC_OPENERS = new Set(['<<EOF', "<<'EOF'", '<<"EOF"']);
const OPERATION_HEADERS = `'${ADD_FILE}<path>', '${DELETE_FILE}<path>' or '${UPDATE_FILE}<path>'`;

export function parsePatch(text: string): ParsedPatch {
  const lines = text.split(/\r?\n/);
  const { first, last } = patchBounds(lines);
  const cursor = new Cursor(lines, first + 1, last);
  const operations: PatchOperation[] = [];
  while (!cursor.done()) {
    if (cursor.peek().trim() === '') {
      cursor.advance();
      continue;
    }
    operations.push(parseOperation(cursor));
  }
  return { operations };
}

class Cursor {
  constructor(
    readonly lines: string[],
    public index: number,
    /** Index of the `*** End Patch` line: parsing stops before it. */
    readonly end: number,
  ) {}

  done(): boolean {
    return this.index >= this.end;
  }
  peek(): string {
    return this.lines[this.index] ?? '';
  }
  advance(): void {
    this.index += 1;
  }
  /** 1-based line number in the text the caller sent. */
  lineNumber(): number {
    return this.index + 1;
  }
}

function patchBounds(lines: string[]): { first: number; last: number } {
  let first = lines.findIndex((line) => line.trim() !== '');
  let last = findLastIndex(lines, (line) => line.trim() !== '');
  if (first === -1) throw parseError(1, `expected '${BEGIN_PATCH}', but the patch is empty`);
  const opener = lines[first]?.trim() ?? '';
  if (HEREDOC_OPENERS.has(opener) && last - first >= 3 && (lines[last] ?? '').trim().endsWith('EOF')) {
    // Models sometimes send the shell heredoc around the patch; Codex strips it in lenient mode.
    first = lines.findIndex((line, index) => index > first && line.trim() !== '');
    last = findLastIndex(lines, (line, index) => index < last && line.trim() !== '');
  }
  const firstLine = lines[first]?.trim() ?? '';
  if (firstLine !== BEGIN_PATCH)
    throw parseError(first + 1, `expected '${BEGIN_PATCH}' as the first line, got ${show(firstLine)}`);
  const lastLine = lines[last]?.trim() ?? '';
  if (last === first || lastLine !== END_PATCH) {
    throw parseError(last + 1, `expected '${END_PATCH}' as the last line, got ${show(lastLine)}`);
  }
  return { first, last };
}

function parseOperation(cursor: Cursor): PatchOperation {
  const line = cursor.lineNumber();
  const header = cursor.peek().trim();
  if (isHeader(header, ADD_FILE)) return parseAdd(cursor, pathAfter(header, ADD_FILE, line), line);
  if (isHeader(header, DELETE_FILE)) {
    cursor.advance();
    return { type: 'delete', path: pathAfter(header, DELETE_FILE, line), line };
  }
  if (isHeader(header, UPDATE_FILE)) return parseUpdate(cursor, pathAfter(header, UPDATE_FILE, line), line);
  throw parseError(line, `expected a file operation (${OPERATION_HEADERS}), got ${show(header)}`);
}

/** A trimmed header line; the bare marker (path missing) still counts, so the error can say so. */
function isHeader(line: string, marker: string): boolean {
  return line.startsWith(marker) || line === marker.trimEnd();
}

function pathAfter(header: string, marker: string, line: number): string {
  const path = header.slice(marker.trimEnd().length).trim();
  if (path === '') throw parseError(line, `expected a path after '${marker.trim()}'`);
  return path;
}

function parseAdd(cursor: Cursor, path: string, line: number): PatchOperation {
  cursor.advance();
  let contents = '';
  while (!cursor.done() && cursor.peek().startsWith('+')) {
    contents += `${cursor.peek().slice(1)}\n`;
    cursor.advance();
  }
  return { type: 'add', path, contents, line };
}

function parseUpdate(cursor: Cursor, path: string, line: number): PatchOperation {
  cursor.advance();
  let movePath: string | null = null;
  const maybeMove = cursor.peek().trim();
  if (!cursor.done() && isHeader(maybeMove, MOVE_TO)) {
    movePath = pathAfter(maybeMove, MOVE_TO, cursor.lineNumber());
    cursor.advance();
  }
  const chunks: UpdateChunk[] = [];
  while (!cursor.done()) {
    const next = cursor.peek();
    if (next.trim() === '') {
      cursor.advance();
      continue;
    }
    if (next.startsWith('*')) break;
    chunks.push(parseChunk(cursor, chunks.length === 0));
  }
  if (chunks.length === 0) {
    throw parseError(
      line,
      `expected at least one '@@' hunk with changes for ${path}, but the update is empty`,
    );
  }
  return { type: 'update', path, movePath, chunks, line };
}

function isHunkHeader(line: string): boolean {
  return line.trimEnd() === '@@' || line.startsWith('@@ ');
}

function parseChunk(cursor: Cursor, isFirst: boolean): UpdateChunk {
  const line = cursor.lineNumber();
  const anchors: string[] = [];
  let sawHeader = false;
  while (!cursor.done() && isHunkHeader(cursor.peek())) {
    const header = cursor.peek();
    if (header.trimEnd() !== '@@') anchors.push(header.slice(3));
    sawHeader = true;
    cursor.advance();
  }
  if (!sawHeader && !isFirst) {
    throw parseError(line, `expected '@@' to start the next hunk, got ${show(cursor.peek())}`);
  }
  const chunk: UpdateChunk = {
    anchors,
    oldLines: [],
    newLines: [],
    contextSources: [],
    isEndOfFile: false,
    line,
  };
  const addContext = (text: string): void => {
    chunk.contextSources.push(chunk.oldLines.length);
    chunk.oldLines.push(text);
    chunk.newLines.push(text);
  };
  let bodyLines = 0;
  while (!cursor.done()) {
    const text = cursor.peek();
    if (text.trim() === END_OF_FILE) {
      if (bodyLines === 0)
        throw parseError(cursor.lineNumber(), "expected hunk lines before '*** End of File'");
      chunk.isEndOfFile = true;
      cursor.advance();
      break;
    }
    const marker = text[0];
    if (marker === undefined) {
      addContext('');
    } else if (marker === ' ') {
      addContext(text.slice(1));
    } else if (marker === '-') {
      chunk.oldLines.push(text.slice(1));
    } else if (marker === '+') {
      chunk.contextSources.push(null);
      chunk.newLines.push(text.slice(1));
    } else if (bodyLines === 0) {
      throw parseError(
        cursor.lineNumber(),
        `expected a hunk line starting with ' ' (context), '-' (remove) or '+' (add), got ${show(text)}`,
      );
    } else {
      break;
    }
    bodyLines += 1;
    cursor.advance();
  }
  if (bodyLines === 0)
    throw parseError(
      cursor.lineNumber(),
      "expected lines starting with ' ', '-' or '+' after '@@', but the hunk is empty",
    );
  return chunk;
}

function parseError(line: number, expected: string): SkeinError {
  return new SkeinError(
    'INVALID_PARAMS',
    `Invalid patch at line ${line}: ${expected}. Nothing was changed.`,
    {
      reason: 'parse',
      line,
    },
  );
}

function show(text: string): string {
  const cut = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return `'${cut}'`;
}

function findLastIndex(lines: string[], predicate: (line: string, index: number) => boolean): number {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (predicate(lines[index] ?? '', index)) return index;
  }
  return -1;
}
