import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { SkillProblem } from '../../../src-shared/contract';

/** Limits of the open SKILL.md format (agentskills.io specification). */
export const MAX_NAME_CHARS = 64;
export const MAX_DESCRIPTION_CHARS = 1024;
export const MAX_COMPATIBILITY_CHARS = 500;
export const SKILL_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KNOWN_KEYS = new Set(['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools']);
const FENCE = /^---[ \t]*$/;

export interface SkillFrontmatter {
  name: string | null;
  description: string | null;
  license: string | null;
  compatibility: string | null;
  allowedTools: string | null;
  metadata: Record<string, string>;
}

export interface ParsedSkill {
  frontmatter: SkillFrontmatter;
  /** The Markdown after the frontmatter. */
  body: string;
  problems: SkillProblem[];
}

interface Frontmatter {
  /** The YAML text between the fences. */
  yaml: string;
  /** Lines before the YAML (the opening fence): added to YAML line numbers. */
  lineOffset: number;
  body: string;
}

function problem(
  severity: SkillProblem['severity'],
  code: string,
  message: string,
  line: number | null = null,
  column: number | null = null,
): SkillProblem {
  return { severity, code, message, line, column };
}

/** Splits `---` fenced frontmatter from the body; null when the file does not start with a fence. */
export function splitFrontmatter(content: string): Frontmatter | 'unclosed' | null {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return null;
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end === -1) return 'unclosed';
  return { yaml: lines.slice(1, end).join('\n'), lineOffset: 1, body: lines.slice(end + 1).join('\n') };
}

const emptyFrontmatter = (): SkillFrontmatter => ({
  name: null,
  description: null,
  license: null,
  compatibility: null,
  allowedTools: null,
  metadata: {},
});

/**
 * Parses a SKILL.md and reports every problem with its line (1-based, in the whole file):
 * YAML errors, missing or malformed required fields, a name that is not the folder's, unknown keys.
 * Pure: `folderName` is the skill folder's name.
 */
export function parseSkill(content: string, folderName: string): ParsedSkill {
  const split = splitFrontmatter(content);
  const frontmatter = emptyFrontmatter();
  if (split === null) {
    return {
      frontmatter,
      body: content,
      problems: [
        problem(
          'error',
          'frontmatter-missing',
          'SKILL.md must start with YAML frontmatter between "---" lines.',
          1,
          1,
        ),
      ],
    };
  }
  if (split === 'unclosed') {
    return {
      frontmatter,
      body: '',
      problems: [
        problem('error', 'frontmatter-unclosed', 'The frontmatter has no closing "---" line.', 1, 1),
      ],
    };
  }
  const problems: SkillProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined): { line: number | null; column: number | null } => {
    if (offset === undefined) return { line: null, column: null };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + split.lineOffset, column: pos.col };
  };
  const nodeAt = (node: Node | null | undefined) => at(node?.range?.[0]);
  for (const error of [...doc.errors, ...doc.warnings]) {
    const { line, column } = at(error.pos[0]);
    const severity = doc.errors.includes(error) ? 'error' : 'warning';
    problems.push(problem(severity, 'yaml-syntax', `YAML: ${error.message.split('\n')[0]}`, line, column));
  }
  if (doc.errors.length > 0) return { frontmatter, body: split.body, problems };
  if (!isMap(doc.contents)) {
    problems.push(
      problem(
        'error',
        'frontmatter-not-map',
        'The frontmatter must be a YAML map of keys (name, description, …).',
        2,
        1,
      ),
    );
    return { frontmatter, body: split.body, problems };
  }
  readFields(doc, frontmatter, problems, nodeAt, folderName);
  if (split.body.trim() === '') {
    problems.push(problem('warning', 'body-empty', 'The skill has no instructions after the frontmatter.'));
  }
  return { frontmatter, body: split.body, problems };
}

type NodeLocator = (node: Node | null | undefined) => { line: number | null; column: number | null };

function readFields(
  doc: Document,
  out: SkillFrontmatter,
  problems: SkillProblem[],
  nodeAt: NodeLocator,
  folderName: string,
): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key === null) continue;
    pairs.set(key, pair);
    if (!KNOWN_KEYS.has(key)) {
      const { line, column } = nodeAt(pair.key as Node);
      problems.push(
        problem(
          'warning',
          'unknown-key',
          `Unknown frontmatter key "${key}"; other agents may ignore or reject it.`,
          line,
          column,
        ),
      );
    }
  }
  const text = (key: string, required: boolean): string | null => {
    const pair = pairs.get(key);
    if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
      if (required)
        problems.push(problem('error', `${key}-missing`, `The frontmatter needs a "${key}".`, 2, 1));
      return null;
    }
    const node = pair.value as Node;
    if (!isScalar(node) || typeof node.value !== 'string') {
      const { line, column } = nodeAt(node);
      problems.push(problem('error', `${key}-type`, `"${key}" must be a text value.`, line, column));
      return null;
    }
    return node.value;
  };
  const where = (key: string) => nodeAt((pairs.get(key)?.value as Node | undefined) ?? null);

  out.name = text('name', true);
  if (out.name !== null) checkName(out.name, folderName, where('name'), problems);
  out.description = text('description', true);
  if (out.description !== null) {
    const { line, column } = where('description');
    if (out.description.trim() === '') {
      problems.push(
        problem(
          'error',
          'description-missing',
          'The description is empty; say what the skill does and when to use it.',
          line,
          column,
        ),
      );
    } else if (out.description.length > MAX_DESCRIPTION_CHARS) {
      problems.push(
        problem(
          'error',
          'description-too-long',
          `The description has ${out.description.length} characters; at most ${MAX_DESCRIPTION_CHARS} are allowed.`,
          line,
          column,
        ),
      );
    }
  }
  out.license = text('license', false);
  out.compatibility = text('compatibility', false);
  if (out.compatibility !== null && out.compatibility.length > MAX_COMPATIBILITY_CHARS) {
    const { line, column } = where('compatibility');
    problems.push(
      problem(
        'error',
        'compatibility-too-long',
        `"compatibility" has at most ${MAX_COMPATIBILITY_CHARS} characters.`,
        line,
        column,
      ),
    );
  }
  out.allowedTools = text('allowed-tools', false);
  out.metadata = readMetadata(pairs.get('metadata'), problems, nodeAt);
}

function checkName(
  name: string,
  folderName: string,
  at: { line: number | null; column: number | null },
  problems: SkillProblem[],
): void {
  if (name.length > MAX_NAME_CHARS) {
    problems.push(
      problem(
        'error',
        'name-too-long',
        `The name has ${name.length} characters; at most ${MAX_NAME_CHARS} are allowed.`,
        at.line,
        at.column,
      ),
    );
  }
  if (!SKILL_NAME_PATTERN.test(name)) {
    problems.push(
      problem(
        'error',
        'name-format',
        'The name must be lowercase letters, digits and single hyphens, not starting or ending with one (e.g. "pdf-tools").',
        at.line,
        at.column,
      ),
    );
  }
  if (name !== folderName) {
    problems.push(
      problem(
        'error',
        'name-mismatch',
        `The name "${name}" must equal the skill's folder name "${folderName}".`,
        at.line,
        at.column,
      ),
    );
  }
}

function readMetadata(
  pair: Pair | undefined,
  problems: SkillProblem[],
  nodeAt: NodeLocator,
): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (!pair || pair.value === null) return metadata;
  const node = pair.value as Node;
  if (!isMap(node)) {
    const { line, column } = nodeAt(node);
    problems.push(
      problem('error', 'metadata-type', '"metadata" must be a map of keys to text values.', line, column),
    );
    return metadata;
  }
  for (const item of node.items) {
    const key = isScalar(item.key) ? String(item.key.value) : null;
    const value = item.value;
    if (key === null) continue;
    const scalar = isScalar(value) ? value.value : null;
    if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean') {
      metadata[key] = String(scalar);
    } else {
      const { line, column } = nodeAt(value as Node);
      problems.push(
        problem('warning', 'metadata-value', `metadata "${key}" should be a text value.`, line, column),
      );
    }
  }
  return metadata;
}

/** True when no problem keeps the skill from the agent. */
export function hasNoErrors(problems: readonly SkillProblem[]): boolean {
  return problems.every((entry) => entry.severity !== 'error');
}
