/**
 * Just enough shell parsing to judge a command: split it into simple commands (at `&&`, `||`, `;`,
 * `|` and newlines) made of words, and notice anything we cannot judge (redirections, substitutions,
 * subshells, background jobs). A command we cannot parse is never called safe nor matched by a rule.
 */
export interface ParsedCommand {
  /** Each simple command's words, quotes removed. */
  segments: string[][];
  /** Redirection, `$(…)`, backticks, `(…)`, `&` or an unclosed quote: only a person can judge it. */
  opaque: boolean;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '\n']);

export function parseCommand(command: string): ParsedCommand {
  const segments: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let opaque = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = (): void => {
    endWord();
    if (words.length > 0) segments.push(words);
    words = [];
  };

  for (let i = 0; i < command.length; i += 1) {
    const char = command[i] as string;
    const pair = command.slice(i, i + 2);
    if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) return { segments, opaque: true };
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j += 1) {
        const inner = command[j] as string;
        if (inner === '$' || inner === '`') opaque = true;
        if (inner === '\\' && j + 1 < command.length) {
          j += 1;
          word += command[j];
        } else word += inner;
      }
      if (j >= command.length) return { segments, opaque: true };
      inWord = true;
      i = j;
    } else if (char === '\\' && i + 1 < command.length) {
      word += command[i + 1];
      inWord = true;
      i += 1;
    } else if (SEPARATORS.has(pair)) {
      endSegment();
      i += 1;
    } else if (SEPARATORS.has(char)) {
      endSegment();
    } else if (char === ' ' || char === '\t') {
      endWord();
    } else {
      if ('<>`()&'.includes(char) || pair === '$(') opaque = true;
      word += char;
      inWord = true;
    }
  }
  endSegment();
  return { segments, opaque };
}

/**
 * The words an "always allow" answer stores: the program and its subcommand (`npm test`,
 * `git commit`), or the program alone when the next word is an option or a path.
 */
export function suggestPrefix(command: string): string[] | null {
  const parsed = parseCommand(command);
  const first = parsed.segments[0];
  if (parsed.opaque || parsed.segments.length !== 1 || !first) return null;
  const [program, sub] = first;
  if (program === undefined) return null;
  if (sub !== undefined && /^[A-Za-z][\w:-]*$/.test(sub)) return [program, sub];
  return [program];
}

/** True when the simple command's words start with `prefix`. */
export function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}
