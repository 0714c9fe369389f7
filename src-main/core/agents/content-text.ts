/**
 * The text of a content field as the agent SDK and the providers carry it: a string, a part with
 * `text`, or a list of parts with `text` or `refusal`. Shared by the stream recorder, the Anthropic
 * conversion and compaction, which must all read the same content the same way.
 */
export function contentText(content: unknown, separator = ''): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    const record = content as { text?: unknown } | null;
    return typeof record?.text === 'string' ? record.text : '';
  }
  return content
    .map((part: unknown) => {
      const record = part as { text?: unknown; refusal?: unknown } | null;
      if (typeof record?.text === 'string') return record.text;
      return typeof record?.refusal === 'string' ? record.refusal : '';
    })
    .filter((text) => text !== '')
    .join(separator);
}
