/** Requests listed in a pull request's body, and how much of each; the transcript has the rest. */
export const BODY_REQUEST_LIMIT = 20;
export const BODY_REQUEST_CHARS = 200;

function shorten(text: string): string {
  const line =
    text
      .trim()
      .split('\n')
      .find((part) => part.trim() !== '') ?? '';
  return line.length > BODY_REQUEST_CHARS
    ? `${line.slice(0, BODY_REQUEST_CHARS - 1).trimEnd()}…`
    : line.trim();
}

/** A pull request's body: what the thread was asked to do, then the files it changed (`git diff --stat`). */
export function pullRequestBody(input: { requests: string[]; diffStat: string }): string {
  const requests = input.requests.map(shorten).filter((line) => line !== '');
  const sections: string[] = [];
  if (requests.length > 0) {
    const shown = requests.slice(0, BODY_REQUEST_LIMIT).map((line) => `- ${line}`);
    if (requests.length > BODY_REQUEST_LIMIT)
      shown.push(`- … and ${requests.length - BODY_REQUEST_LIMIT} more`);
    sections.push(`## Requests\n\n${shown.join('\n')}`);
  }
  const stat = input.diffStat.replace(/\s+$/, '');
  if (stat.trim() !== '') sections.push(`## Changed files\n\n\`\`\`\n${stat}\n\`\`\``);
  return sections.join('\n\n');
}
