import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { splitFrontmatter } from './parse-skill';

/** A YAML scalar that stays one line and reads back as the same text. */
function yamlText(value: string): string {
  return JSON.stringify(value.replace(/\s+/g, ' ').trim());
}

/** The SKILL.md of a new skill: the frontmatter and a body that shows the usual sections. */
export function skillTemplate(name: string, description: string): string {
  return `---
name: ${name}
description: ${yamlText(description)}
---

# ${name}

## When to use this skill

Describe the tasks and the words in a request that should bring this skill in.

## Instructions

1. The first step the agent should take.
2. The next one. Point to files of this folder where they help, e.g. \`scripts/\` or \`references/\`.
`;
}

/**
 * SKILL.md with the frontmatter's `name` set to `name`, keeping everything else byte for byte
 * (the value is replaced in place; a missing key is added after the opening fence).
 */
export function withSkillName(original: string, name: string): string {
  // Offsets below count LF line ends; a CRLF file comes back with LF ones.
  const content = original.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const split = splitFrontmatter(content);
  if (split === null || split === 'unclosed') return `---\nname: ${name}\n---\n${content}`;
  const lines = content.split('\n');
  const yamlStart = (lines[0] ?? '').length + 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter });
  const map = doc.errors.length === 0 ? doc.contents : null;
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === 'name');
    const value = pair?.value as Node | null | undefined;
    if (value?.range) {
      const [start, end] = value.range;
      return content.slice(0, yamlStart + start) + name + content.slice(yamlStart + end);
    }
  }
  return `${lines[0]}\nname: ${name}\n${lines.slice(1).join('\n')}`;
}
